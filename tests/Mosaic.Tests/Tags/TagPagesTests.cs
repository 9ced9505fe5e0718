using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Mosaic.Features.Accounts;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Tags;

/// <summary>The tag pages and the post page's tag editor as a browser without JavaScript uses them.</summary>
[Collection(ServerCollection.Name)]
public sealed class TagPagesTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task The_tag_page_shows_the_description_safely_its_rules_and_its_posts(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var moderator = await TagData.PersonAsync(factory, Roles.Moderator);
        var owner = await TagData.PersonAsync(factory);
        var (cat, kitty, animal) = (TagData.Name("cat"), TagData.Name("kitty"), TagData.Name("animal"));
        var post = await TagData.PostAsync(factory, owner.Id, [cat]);
        await moderator.SendAsync(HttpMethod.Patch, $"/api/v1/tags/{cat}", new { category = "character", description = "<script>alert(1)</script> A **small** cat.\n\n[x](javascript:alert(2))" });
        await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/aliases/{kitty}", new { target = cat });
        await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/{cat}/implications/{animal}");
        var visitor = factory.CreateTestClient();

        var response = await visitor.Http.GetAsync($"/tags/{cat}");
        var html = await response.Content.ReadAsStringAsync();
        var page = await TestClient.ParseAsync(response);
        var viaAlias = await visitor.Http.GetAsync($"/tags/{kitty}");
        var capitalised = await visitor.Http.GetAsync($"/tags/{cat.ToUpperInvariant()}");
        var unknown = await visitor.Http.GetAsync($"/tags/{TagData.Name()}");
        var asModerator = await moderator.Client.GetPageAsync($"/tags/{cat}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(cat, page.QuerySelector("h1")?.TextContent);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.Equal("small", page.QuerySelector(".tag-page__description strong")?.TextContent);
        Assert.Contains(kitty, page.QuerySelector(".tag-page__aliases")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($".tag-page__chips a[href='/tags/{animal}']"));
        Assert.NotNull(page.QuerySelector($"a.tile[href='/posts/{post}']"));
        Assert.Null(page.QuerySelector("a[href^='/moderation/tags']"));
        Assert.NotNull(asModerator.QuerySelector($"a[href='/moderation/tags?tag={cat}#edit-tag']"));
        Assert.Equal((HttpStatusCode.Redirect, $"/tags/{cat}"), (viaAlias.StatusCode, LocalLocation(viaAlias)));
        Assert.Equal(HttpStatusCode.Redirect, capitalised.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_tag_list_searches_by_prefix_most_used_first()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var prefix = TagData.Name("list");
        await TagData.SetPostCountAsync(factory, prefix + "_a", 1);
        await TagData.SetPostCountAsync(factory, prefix + "_b", 9);

        var search = await factory.CreateTestClient().GetPageAsync($"/tags?q={prefix}");
        var all = await factory.CreateClient().GetAsync("/tags");

        Assert.Equal([prefix + "_b", prefix + "_a"], search.QuerySelectorAll(".tag-index__list .chip__label").Select(a => a.GetAttribute("href")!["/tags/".Length..]));
        Assert.Equal("9 posts", search.QuerySelector(".tag-index__list .chip__count")?.TextContent.Trim());
        Assert.NotNull(search.QuerySelector("input[role='combobox'][name='q'][aria-controls]"));
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task The_moderation_page_is_refused_to_others_and_its_forms_manage_rules(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var moderator = await TagData.PersonAsync(factory, Roles.Moderator);
        var person = await TagData.PersonAsync(factory);
        var (cat, kitty, animal) = (TagData.Name("cat"), TagData.Name("kitty"), TagData.Name("animal"));

        var anonymous = await factory.CreateTestClient().Http.GetAsync("/moderation/tags");
        var byPerson = await person.Client.Http.GetAsync("/moderation/tags");
        var forged = await ForgeAsync(person.Client, "/moderation/tags", "alias-set", new() { ["NewAlias.Alias"] = kitty, ["NewAlias.Target"] = cat });
        var alias = await moderator.Client.SubmitFormAsync("/moderation/tags", "alias-set", new Dictionary<string, string> { ["NewAlias.Alias"] = kitty, ["NewAlias.Target"] = cat });
        var implication = await moderator.Client.SubmitFormAsync("/moderation/tags", "implication-add", new Dictionary<string, string> { ["NewImplication.Tag"] = cat, ["NewImplication.Implied"] = animal });
        var cycle = await moderator.Client.SubmitFormAsync("/moderation/tags", "implication-add", new Dictionary<string, string> { ["NewImplication.Tag"] = animal, ["NewImplication.Implied"] = kitty });
        var cyclePage = await TestClient.ParseAsync(cycle);
        var edit = await moderator.Client.SubmitFormAsync($"/moderation/tags?tag={cat}", "tag-edit", new Dictionary<string, string> { ["Edit.Category"] = "artist", ["Edit.Description"] = "Edited **here**." });
        var listed = await moderator.Client.GetPageAsync($"/moderation/tags?q={cat}");
        var removal = await moderator.Client.SubmitFormAsync($"/moderation/tags?q={cat}", "alias-remove", new Dictionary<string, string> { ["AliasRemoval.Alias"] = kitty });
        var tag = await factory.CreateClient().GetStringAsync($"/api/v1/tags/{cat}");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/signin", LocalLocation(anonymous), StringComparison.Ordinal);
        Assert.StartsWith("/account/denied", LocalLocation(byPerson), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal("/moderation/tags?done=alias-set#aliases", LocalLocation(alias));
        Assert.Equal(HttpStatusCode.Redirect, implication.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, cycle.StatusCode);
        Assert.Contains("cycle", cyclePage.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Contains("\"category\":\"artist\"", tag, StringComparison.Ordinal);
        Assert.NotNull(listed.QuerySelector($"button[name='AliasRemoval.Alias'][value='{kitty}'][aria-label='Remove alias {kitty}']"));
        Assert.NotNull(listed.QuerySelector($"button[name='ImplicationRemoval.Pair'][value='{cat} {animal}']"));
        Assert.Equal(HttpStatusCode.Redirect, removal.StatusCode);
        Assert.DoesNotContain(kitty, tag, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task The_tag_editor_is_shown_to_the_owner_only_and_its_forms_add_and_remove(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var owner = await TagData.PersonAsync(factory);
        var other = await TagData.PersonAsync(factory);
        var (keep, drop, added) = (TagData.Name("keep"), TagData.Name("drop"), TagData.Name("added"));
        var post = await TagData.PostAsync(factory, owner.Id, [keep, drop]);
        var url = $"/posts/{post}";

        var ownerPage = await owner.Client.GetPageAsync(url);
        var otherPage = await other.Client.GetPageAsync(url);
        var anonymousPage = await factory.CreateTestClient().GetPageAsync(url);
        var add = await owner.Client.SubmitFormAsync(url, "post-tags-add", new Dictionary<string, string> { ["Addition.Names"] = $"{added} <script>" });
        var addPage = await TestClient.ParseAsync(add);
        var addValid = await owner.Client.SubmitFormAsync(url, "post-tags-add", new Dictionary<string, string> { ["Addition.Names"] = added });
        var remove = await owner.Client.SubmitFormAsync(url, "post-tags-remove", new Dictionary<string, string> { ["Removal.Name"] = drop });
        var forged = await ForgeAsync(other.Client, url, "post-tags-add", new() { ["Addition.Names"] = "vandal" });
        var tags = (await TagData.TagsOfAsync(factory, post)).Select(t => t.Name).ToList();

        Assert.NotNull(ownerPage.QuerySelector("#tag-editor input[role='combobox'][name='Addition.Names']"));
        Assert.NotNull(ownerPage.QuerySelector($"#tag-editor button[name='Removal.Name'][value='{drop}'][aria-label='Remove tag {drop}']"));
        Assert.Null(otherPage.QuerySelector("#tag-editor"));
        Assert.Null(anonymousPage.QuerySelector("#tag-editor"));
        Assert.Equal(HttpStatusCode.BadRequest, add.StatusCode);
        Assert.Contains("Not valid tags", addPage.QuerySelector("#post-tags-add-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal($"{added} <script>", addPage.QuerySelector<IHtmlInputElement>("#post-tags-add")?.Value);
        Assert.Equal($"/posts/{post}#tag-editor", LocalLocation(addValid));
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal(new[] { added, keep }.Order(StringComparer.Ordinal), tags);
    }

    [Theory, BothDatabases]
    public async Task The_post_page_shows_related_posts(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var owner = await TagData.PersonAsync(factory);
        var shared = TagData.Name("shared");
        var post = await TagData.PostAsync(factory, owner.Id, [shared, TagData.Name()]);
        var related = await TagData.PostAsync(factory, owner.Id, [shared]);
        var lonely = await TagData.PostAsync(factory, owner.Id, [TagData.Name()]);

        var page = await factory.CreateTestClient().GetPageAsync($"/posts/{post}");
        var lonelyPage = await factory.CreateTestClient().GetPageAsync($"/posts/{lonely}");

        Assert.NotNull(page.QuerySelector($".related a.tile[href='/posts/{related}']"));
        Assert.Null(lonelyPage.QuerySelector(".related"));
    }

    /// <summary>Where a redirect points, as a local path with query and fragment.</summary>
    private static string? LocalLocation(HttpResponseMessage response) =>
        response.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location.PathAndQuery + location.Fragment
        : location.OriginalString;

    /// <summary>
    /// Posts a page's form as someone the page does not offer it to: with a valid antiforgery token (taken from the
    /// settings page) and the handler name, the way a crafted request would.
    /// </summary>
    private static async Task<HttpResponseMessage> ForgeAsync(TestClient client, string url, string formName, Dictionary<string, string> values)
    {
        var settings = await client.GetPageAsync("/account/settings");
        var token = settings.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        values["__RequestVerificationToken"] = token;
        values["_handler"] = formName;
        return await client.Http.PostAsync(url, new FormUrlEncodedContent(values));
    }
}
