using Mosaic.Components.Pages.Accounts;
using Mosaic.Features.Accounts;

namespace Mosaic.Tests.Accounts;

public sealed class AccountRulesTests
{
    [Theory]
    [InlineData("abc", true)]
    [InlineData("a_b-c9", true)]
    [InlineData("ab", false)]
    [InlineData("ABC", false)]
    [InlineData("a.b", false)]
    [InlineData("settings", false)]
    public void Username_rules(string username, bool valid) =>
        Assert.Equal(valid, UsernameRules.Problem(username) is null);

    [Fact]
    public void Thirty_two_characters_is_the_longest_username() =>
        Assert.Multiple(
            () => Assert.Null(UsernameRules.Problem(new string('a', 32))),
            () => Assert.NotNull(UsernameRules.Problem(new string('a', 33))));

    [Theory]
    [InlineData("Password123", "someone", "someone@example.com")]
    [InlineData("iloveyou2024", "someone", "someone@example.com")]
    [InlineData("alice-is-great-42", "alice", "x@example.com")]
    [InlineData("my-name-is-bobby-99", "someone", "bobby@example.com")]
    [InlineData("ababababab", "someone", "someone@example.com")]
    public void Guessable_passwords_are_refused(string password, string username, string email) =>
        Assert.NotNull(CommonPasswordValidator.Problem(password, username, email));

    [Fact]
    public void A_long_unusual_passphrase_is_accepted() =>
        Assert.Null(CommonPasswordValidator.Problem("correct-horse-battery-42", "someone", "someone@example.com"));

    [Theory]
    [InlineData("/account/settings", "/account/settings")]
    [InlineData("/", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    public void Return_urls_stay_on_the_site(string? url, string expected) =>
        Assert.Equal(expected, SignIn.LocalReturnUrl(url));
}
