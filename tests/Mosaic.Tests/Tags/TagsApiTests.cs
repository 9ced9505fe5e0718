using System.Net;
using System.Net.Http.Json;
using Mosaic.Features.Accounts;
using Mosaic.Features.Posts;
using Mosaic.Features.Tags;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Tags;

[Collection(ServerCollection.Name)]
public sealed class TagsApiTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task Autocomplete_orders_by_post_count_and_finds_tags_through_their_aliases(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var moderator = await TagData.PersonAsync(factory, Roles.Moderator);
        var prefix = TagData.Name("ac");
        await TagData.SetPostCountAsync(factory, prefix + "_few", 5);
        await TagData.SetPostCountAsync(factory, prefix + "_many", 50, TagCategory.Artist);
        await TagData.SetPostCountAsync(factory, prefix + "_none", 0);
        var target = TagData.Name("target");
        await TagData.SetPostCountAsync(factory, target, 20);
        // The alias also exists as a tag of its own (people used it before the alias): that name must not be offered.
        await TagData.SetPostCountAsync(factory, prefix + "_kitty", 100);
        Assert.Equal(HttpStatusCode.OK, (await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/aliases/{prefix}_kitty", new { target })).StatusCode);

        var suggestions = (await factory.CreateClient().GetFromJsonAsync<List<TagSuggestionDto>>($"/api/v1/tags?q={prefix.ToUpperInvariant()}&limit=10"))!;
        var limited = await factory.CreateClient().GetFromJsonAsync<List<TagSuggestionDto>>($"/api/v1/tags?q=artist:{prefix}&limit=2");
        var nothing = await factory.CreateClient().GetFromJsonAsync<List<TagSuggestionDto>>($"/api/v1/tags?q={prefix}zzz");

        Assert.Equal([prefix + "_many", target, prefix + "_few", prefix + "_none"], suggestions.Select(s => s.Name));
        Assert.Equal([50, 20, 5, 0], suggestions.Select(s => s.PostCount));
        Assert.Equal("artist", suggestions[0].Category);
        Assert.Equal(prefix + "_kitty", suggestions[1].Alias);
        Assert.Null(suggestions[0].Alias);
        Assert.Equal([prefix + "_many", target], limited!.Select(s => s.Name));
        Assert.Empty(nothing!);
    }

    [Theory, BothDatabases]
    public async Task A_tag_reads_with_its_aliases_and_implications_and_an_alias_reads_as_its_tag(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var moderator = await TagData.PersonAsync(factory, Roles.Moderator);
        var (cat, kitty, animal) = (TagData.Name("cat"), TagData.Name("kitty"), TagData.Name("animal"));
        await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/aliases/{kitty}", new { target = cat });
        await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/{cat}/implications/{animal}");
        var http = factory.CreateClient();

        var tag = await http.GetFromJsonAsync<TagDto>($"/api/v1/tags/{kitty}");
        var implications = await http.GetFromJsonAsync<TagImplicationsDto>($"/api/v1/tags/{animal}/implications");
        var alias = await http.GetFromJsonAsync<TagAliasDto>($"/api/v1/tags/aliases/{kitty}");
        var missing = await http.GetAsync($"/api/v1/tags/{TagData.Name()}");
        var missingAlias = await http.GetAsync($"/api/v1/tags/aliases/{TagData.Name()}");

        Assert.Equal(cat, tag!.Name);
        Assert.Equal([kitty], tag.Aliases);
        Assert.Equal([animal], tag.Implies.Select(t => t.Name));
        Assert.Equal($"/tags/{cat}", tag.PageUrl);
        Assert.Equal([cat], implications!.ImpliedBy.Select(t => t.Name));
        Assert.Equal(cat, alias!.Target.Name);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingAlias.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Only_moderators_manage_tags_aliases_and_implications(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var person = await TagData.PersonAsync(factory);
        var admin = await TagData.PersonAsync(factory, Roles.Admin);
        var tag = TagData.Name();
        await TagData.SetPostCountAsync(factory, tag, 1);
        var anonymous = factory.CreateClient();
        (HttpMethod Method, string Url, object? Body)[] writes =
        [
            (HttpMethod.Patch, $"/api/v1/tags/{tag}", new { description = "mine" }),
            (HttpMethod.Put, $"/api/v1/tags/aliases/{TagData.Name()}", new { target = tag }),
            (HttpMethod.Delete, $"/api/v1/tags/aliases/{tag}", null),
            (HttpMethod.Put, $"/api/v1/tags/{tag}/implications/{TagData.Name()}", null),
            (HttpMethod.Delete, $"/api/v1/tags/{tag}/implications/{TagData.Name()}", null),
        ];

        foreach (var (method, url, body) in writes)
        {
            var byPerson = await person.SendAsync(method, url, body);
            var byCookie = await person.Client.SendAsync(method, url, body);
            var byNobody = await anonymous.SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) });
            Assert.True(byPerson.StatusCode == HttpStatusCode.Forbidden, $"{method} {url} by a person: {byPerson.StatusCode}");
            Assert.True(byCookie.StatusCode == HttpStatusCode.Forbidden, $"{method} {url} by a person's cookie: {byCookie.StatusCode}");
            Assert.True(byNobody.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url} anonymously: {byNobody.StatusCode}");
        }
        var byAdmin = await admin.SendAsync(HttpMethod.Patch, $"/api/v1/tags/{tag}", new { category = "copyright", description = "An **admin** wrote this." });
        var edited = await byAdmin.Content.ReadFromJsonAsync<TagDto>();

        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(("copyright", "An **admin** wrote this."), (edited!.Category, edited.Description));
        Assert.Equal(0, await AliasCountAsync(factory, tag));
    }

    [Theory, BothDatabases]
    public async Task Invalid_moderator_input_is_a_problem_naming_the_field(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var moderator = await TagData.PersonAsync(factory, Roles.Moderator);
        var tag = TagData.Name();
        await TagData.SetPostCountAsync(factory, tag, 0);

        var badCategory = await moderator.SendAsync(HttpMethod.Patch, $"/api/v1/tags/{tag}", new { category = "opinion" });
        var longDescription = await moderator.SendAsync(HttpMethod.Patch, $"/api/v1/tags/{tag}", new { description = new string('x', Tag.DescriptionMaxLength + 1) });
        var badTarget = await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/aliases/{TagData.Name()}", new { target = "bad:name" });
        var selfAlias = await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/aliases/{tag}", new { target = tag });
        var selfImplication = await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/{tag}/implications/{tag}");
        var unknownTag = await moderator.SendAsync(HttpMethod.Patch, $"/api/v1/tags/{TagData.Name()}", new { description = "x" });

        Assert.Equal("category", await ErrorFieldAsync(badCategory));
        Assert.Equal("description", await ErrorFieldAsync(longDescription));
        Assert.Equal("target", await ErrorFieldAsync(badTarget));
        Assert.Equal("target", await ErrorFieldAsync(selfAlias));
        Assert.Equal("implied", await ErrorFieldAsync(selfImplication));
        Assert.Equal(HttpStatusCode.NotFound, unknownTag.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Implication_cycles_are_refused_however_long(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var moderator = await TagData.PersonAsync(factory, Roles.Moderator);
        var chain = Enumerable.Range(0, 12).Select(i => TagData.Name($"c{i}_")).ToList();
        for (var i = 0; i < chain.Count - 1; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/{chain[i]}/implications/{chain[i + 1]}")).StatusCode);
        }
        var kitty = TagData.Name("kitty");
        await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/aliases/{kitty}", new { target = chain[0] });

        var direct = await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/{chain[1]}/implications/{chain[0]}");
        var long_ = await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/{chain[^1]}/implications/{chain[0]}");
        var throughAlias = await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/{chain[5]}/implications/{kitty}");
        var again = await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/{chain[0]}/implications/{chain[1]}");
        var aliasToItsOwnAlias = await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/aliases/{chain[0]}", new { target = kitty });

        Assert.Equal(HttpStatusCode.Conflict, direct.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, long_.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, throughAlias.StatusCode);
        Assert.Equal("implied", await ErrorFieldAsync(throughAlias));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, aliasToItsOwnAlias.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task An_alias_moves_existing_posts_to_its_tag_with_what_that_implies(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var moderator = await TagData.PersonAsync(factory, Roles.Moderator);
        var owner = await TagData.PersonAsync(factory);
        var (kitty, cat, animal, other) = (TagData.Name("kitty"), TagData.Name("cat"), TagData.Name("animal"), TagData.Name("other"));
        await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/{cat}/implications/{animal}");
        var onlyKitty = await TagData.PostAsync(factory, owner.Id, [kitty, other]);
        var both = await TagData.PostAsync(factory, owner.Id, [kitty, cat]);
        var measured = await TagData.PostAsync(factory, owner.Id, [other], autoTags: [kitty]);
        var processing = await TagData.PostAsync(factory, owner.Id, [kitty], PostStatus.Processing);

        var response = await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/aliases/{kitty}", new { target = cat });
        await TagData.EventuallyAsync(async () => (await TagData.PostCountAsync(factory, kitty)) == 0 && (await TagData.TagsOfAsync(factory, processing)).All(t => t.Name != kitty), "the alias job has run");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([(animal, TagSource.Human), (cat, TagSource.Human), (other, TagSource.Human)], await TagData.TagsOfAsync(factory, onlyKitty));
        Assert.Equal([(animal, TagSource.Human), (cat, TagSource.Human)], await TagData.TagsOfAsync(factory, both));
        Assert.Equal([(cat, TagSource.Auto), (other, TagSource.Human)], await TagData.TagsOfAsync(factory, measured));
        Assert.Equal([(animal, TagSource.Human), (cat, TagSource.Human)], await TagData.TagsOfAsync(factory, processing));
        Assert.Equal(3, await TagData.PostCountAsync(factory, cat));
        Assert.Equal(2, await TagData.PostCountAsync(factory, animal));
    }

    [Theory, BothDatabases]
    public async Task An_implication_gives_existing_posts_the_implied_tags_transitively_in_batches(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var moderator = await TagData.PersonAsync(factory, Roles.Moderator);
        var owner = await TagData.PersonAsync(factory);
        var (cat, feline, animal) = (TagData.Name("cat"), TagData.Name("feline"), TagData.Name("animal"));
        await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/{feline}/implications/{animal}");
        // More posts than one batch, so the job's keyset has to move on.
        var posts = await TagData.PostsAsync(factory, owner.Id, TagRuleJobs.BatchSize + 20, [cat]);
        var measuredOnly = await TagData.PostAsync(factory, owner.Id, [], autoTags: [cat]);

        var response = await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/{cat}/implications/{feline}");
        await TagData.EventuallyAsync(async () => await TagData.PostCountAsync(factory, animal) == posts.Count, "the implication job has run");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(posts.Count, await TagData.PostCountAsync(factory, feline));
        Assert.Equal([(animal, TagSource.Human), (cat, TagSource.Human), (feline, TagSource.Human)], await TagData.TagsOfAsync(factory, posts[^1]));
        Assert.Equal([(cat, TagSource.Auto)], await TagData.TagsOfAsync(factory, measuredOnly));
    }

    [Theory, BothDatabases]
    public async Task Tags_people_add_follow_aliases_and_bring_what_they_imply(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var moderator = await TagData.PersonAsync(factory, Roles.Moderator);
        var owner = await TagData.PersonAsync(factory);
        var (kitty, cat, feline, animal, sky) = (TagData.Name("kitty"), TagData.Name("cat"), TagData.Name("feline"), TagData.Name("animal"), TagData.Name("sky"));
        await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/aliases/{kitty}", new { target = cat });
        await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/{cat}/implications/{feline}");
        await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/{feline}/implications/{animal}");
        var viaPost = await TagData.PostAsync(factory, owner.Id, [sky]);
        var viaPatch = await TagData.PostAsync(factory, owner.Id, [sky]);

        var added = await owner.SendAsync(HttpMethod.Post, $"/api/v1/posts/{viaPost}/tags", new { add = kitty.ToUpperInvariant() });
        var patched = await owner.SendAsync(HttpMethod.Patch, $"/api/v1/posts/{viaPatch}", new { tags = $"{sky} {kitty}" });
        var addedPost = await added.Content.ReadFromJsonAsync<PostDto>();

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        string[] expected = [animal, cat, feline, sky];
        Assert.Equal(expected.Order(StringComparer.Ordinal), addedPost!.Tags.Where(t => t.Source == "human").Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await TagData.TagsOfAsync(factory, viaPatch)).Select(t => t.Name));
        Assert.Null(await TagData.PostCountAsync(factory, kitty));
        Assert.Equal(2, await TagData.PostCountAsync(factory, animal));
    }

    [Theory, BothDatabases]
    public async Task The_owner_adds_and_removes_tags_and_others_may_not(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var owner = await TagData.PersonAsync(factory);
        var other = await TagData.PersonAsync(factory);
        var moderator = await TagData.PersonAsync(factory, Roles.Moderator);
        var (keep, drop, added, measured) = (TagData.Name("keep"), TagData.Name("drop"), TagData.Name("added"), TagData.Name("measured"));
        var post = await TagData.PostAsync(factory, owner.Id, [keep, drop], autoTags: [measured]);
        var url = $"/api/v1/posts/{post}/tags";

        var byOther = await other.SendAsync(HttpMethod.Post, url, new { add = "vandal" });
        var byOtherCookie = await other.Client.SendAsync(HttpMethod.Post, url, new { add = "vandal" });
        var byNobody = await factory.CreateClient().PostAsJsonAsync(url, new { add = "vandal" });
        var withoutXsrf = await owner.Client.SendAsync(HttpMethod.Post, url, new { add = added }, xsrf: false);
        var byOwner = await owner.Client.SendAsync(HttpMethod.Post, url, new { add = $"{added} artist:{TagData.Name("painter")}", remove = $"{drop} {measured}" });
        var byModerator = await moderator.SendAsync(HttpMethod.Post, url, new { remove = added });
        var invalid = await owner.SendAsync(HttpMethod.Post, url, new { add = "bad:tag" });
        var empty = await owner.SendAsync(HttpMethod.Post, url, new { });
        var missing = await owner.SendAsync(HttpMethod.Post, "/api/v1/posts/999999999/tags", new { add = added });
        var tags = await TagData.TagsOfAsync(factory, post);

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOtherCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutXsrf.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byModerator.StatusCode);
        Assert.Equal("add", await ErrorFieldAsync(invalid));
        Assert.Equal("add", await ErrorFieldAsync(empty));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.DoesNotContain(tags, t => t.Name is "vandal" || t.Name == drop || t.Name == added);
        Assert.Contains((keep, TagSource.Human), tags);
        Assert.Contains((measured, TagSource.Auto), tags);
        Assert.Contains(tags, t => t.Name.StartsWith("painter", StringComparison.Ordinal));
        Assert.Equal(0, await TagData.PostCountAsync(factory, drop));
    }

    [Theory, BothDatabases]
    public async Task A_post_still_processing_is_not_found_by_others(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var owner = await TagData.PersonAsync(factory);
        var other = await TagData.PersonAsync(factory);
        var post = await TagData.PostAsync(factory, owner.Id, [TagData.Name()], PostStatus.Processing);

        var byOther = await other.SendAsync(HttpMethod.Post, $"/api/v1/posts/{post}/tags", new { add = "x" });
        var byOwner = await owner.SendAsync(HttpMethod.Post, $"/api/v1/posts/{post}/tags", new { add = TagData.Name() });

        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
    }

    private static async Task<string> ErrorFieldAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"expected a problem, got {response.StatusCode}");
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name;
    }

    private static async Task<int> AliasCountAsync(MosaicFactory factory, string tag)
    {
        await using var db = factory.CreateDbContext();
        return db.Set<TagAlias>().Count(a => a.Tag!.Name == tag);
    }
}
