using Mosaic.Platform.Storage;

namespace Mosaic.Tests.Storage;

public sealed class ObjectKeysTests
{
    private const string Hash = "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";

    public static TheoryData<string> InvalidKeys => new()
    {
        "",
        "../mosaic.db",
        "ab/../../mosaic.db",
        "ab/cd/..",
        "./ab",
        "/etc/passwd",
        "ab//cd.png",
        "ab/cd/",
        ".hidden.png",
        "ab/.abc.png.tmp",
        "AB/cd.png",
        "ab\\..\\cd.png",
        "ab/cd e.png",
        "ab/%2e%2e/cd.png",
        "ab/cd.png\n",
        "c:/windows/win.ini",
        "ab/cd\0.png",
        new string('a', 1025),
    };

    [Fact]
    public void ContentAddressed_fans_the_hash_out_over_two_folders()
    {
        Assert.Equal($"ab/cd/{Hash}.webp", ObjectKeys.ContentAddressed(Hash, "webp"));
        Assert.Equal($"ab/cd/{Hash}.webp", ObjectKeys.ContentAddressed(Hash.ToUpperInvariant(), ".WEBP"));
        Assert.Equal($"ab/cd/{Hash}.png", ObjectKeys.ContentAddressed(Convert.FromHexString(Hash), "png"));
    }

    [Theory]
    [InlineData("abc", "png")]
    [InlineData(Hash + "0", "png")]
    [InlineData("ghijkl0123456789abcdef0123456789abcdef0123456789abcdef0123456789", "png")]
    [InlineData(Hash, "")]
    [InlineData(Hash, "png/../x")]
    [InlineData(Hash, "toolongextension")]
    public void ContentAddressed_rejects_what_is_not_a_hash_and_an_extension(string hash, string extension) =>
        Assert.Throws<ArgumentException>(() => ObjectKeys.ContentAddressed(hash, extension));

    [Theory]
    [InlineData("ab/cd/" + Hash + ".png")]
    [InlineData("backups/2026-01-02t03-04-05.tar.gz")]
    [InlineData("a")]
    [InlineData("a-b_c.d/e")]
    public void IsValid_accepts_relative_lowercase_paths(string key) => Assert.True(ObjectKeys.IsValid(key));

    [Theory]
    [MemberData(nameof(InvalidKeys))]
    public void IsValid_rejects_traversal_absolute_paths_hidden_segments_and_foreign_characters(string key)
    {
        Assert.False(ObjectKeys.IsValid(key));
        Assert.False(ObjectKeys.IsContentAddressed(key));
        Assert.Throws<ArgumentException>(() => ObjectKeys.EnsureValid(key));
    }

    [Theory]
    [InlineData("ab/cd/" + Hash + ".png", true)]
    [InlineData("ab/ce/" + Hash + ".png", false)]
    [InlineData("ab/" + Hash + ".png", false)]
    [InlineData("ab/cd/" + Hash, false)]
    [InlineData("ab/cd/" + Hash + ".png\n", false)]
    [InlineData("x/ab/cd/" + Hash + ".png", false)]
    [InlineData("backups/a.tar.gz", false)]
    public void IsContentAddressed_accepts_only_the_exact_shape_with_matching_folders(string key, bool expected) =>
        Assert.Equal(expected, ObjectKeys.IsContentAddressed(key));

    [Fact]
    public void HashOf_and_ExtensionOf_take_the_key_apart()
    {
        var key = ObjectKeys.ContentAddressed(Hash, "gif");

        Assert.Equal(Hash, ObjectKeys.HashOf(key));
        Assert.Equal("gif", ObjectKeys.ExtensionOf(key));
        Assert.Equal("gz", ObjectKeys.ExtensionOf("backups/a.tar.gz"));
        Assert.Equal("", ObjectKeys.ExtensionOf("ab/cd"));
    }

    [Theory]
    [InlineData(0L, 9L, 100L, 0L, 9L)]
    [InlineData(50L, null, 100L, 50L, 99L)]
    [InlineData(null, 30L, 100L, 70L, 99L)]
    [InlineData(null, 300L, 100L, 0L, 99L)]
    [InlineData(98L, 1000L, 100L, 98L, 99L)]
    public void ByteRange_resolves_against_the_object_length(long? from, long? to, long length, long first, long last) =>
        Assert.Equal(ByteRange.Between(first, last), new ByteRange(from, to).Resolve(length));

    [Theory]
    [InlineData(100L, null, 100L)]
    [InlineData(null, 0L, 100L)]
    [InlineData(0L, null, 0L)]
    [InlineData(null, 5L, 0L)]
    public void ByteRange_past_the_end_resolves_to_nothing(long? from, long? to, long length) =>
        Assert.Null(new ByteRange(from, to).Resolve(length));

    [Fact]
    public void ByteRange_writes_the_three_forms_of_the_range_header()
    {
        Assert.Equal("bytes=0-9", ByteRange.Between(0, 9).ToHeaderValue());
        Assert.Equal("bytes=5-", ByteRange.StartingAt(5).ToHeaderValue());
        Assert.Equal("bytes=-5", ByteRange.Last(5).ToHeaderValue());
    }
}
