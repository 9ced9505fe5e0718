using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Mosaic.Features.Comments;

/// <summary>
/// Comment bodies as safe HTML: the same Markdown rules as descriptions (Platform/Web/Markdown.cs — raw HTML off,
/// only safe link schemes, images shown as links, links marked nofollow ugc), plus <c>@username</c> mentions of
/// people who exist turned into links to <c>/@username</c>. Mentions are rewritten in Markdig's syntax tree, never
/// in the HTML: the link and its text are ordinary inlines that the renderer encodes.
/// </summary>
public static partial class CommentMarkdown
{
    /// <summary>
    /// A username after '@' (the account rules: 3–32 of a–z 0–9 _ -; typed capitals fold), not inside a word, an
    /// email address or a path, and not followed by more name characters.
    /// </summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_@/.\-])@([A-Za-z0-9_-]{3,32})(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();

    public static MarkdownDocument Parse(string markdown) => Platform.Web.Markdown.Parse(markdown);

    /// <summary>Lower-case usernames the document mentions outside links and code, to look up in one query.</summary>
    public static IEnumerable<string> MentionedNames(MarkdownDocument document) =>
        TextContainers(document).SelectMany(TextRuns)
            .SelectMany(run => Mention().Matches(Concat(run)).Select(m => m.Groups[1].Value.ToLowerInvariant()));

    /// <summary>The document as HTML, with mentions of <paramref name="existing"/> usernames (lower case) linked.</summary>
    public static string ToHtml(MarkdownDocument document, IReadOnlySet<string> existing) =>
        Platform.Web.Markdown.Render(document, rendered =>
        {
            foreach (var container in TextContainers(rendered).ToList())
            {
                LinkMentions(container, existing);
            }
        });

    /// <summary>The text without Markdown syntax, for clients that show comments as plain text.</summary>
    public static string ToPlainText(string markdown) => Platform.Web.Markdown.ToPlainText(markdown);

    /// <summary>Each paragraph's (or heading's…) inline container and the containers inside it, such as emphasis, but none inside a link.</summary>
    private static IEnumerable<ContainerInline> TextContainers(MarkdownDocument document) =>
        document.Descendants<LeafBlock>()
            .Where(leaf => leaf.Inline is not null)
            .SelectMany(leaf => leaf.Inline!.Descendants<ContainerInline>().Prepend(leaf.Inline!))
            .Distinct()
            .Where(container => container is not LinkInline && !container.FindParentOfType<LinkInline>().Any());

    /// <summary>Runs of adjacent literal text: the parser splits text at characters such as '_', which names may contain.</summary>
    private static IEnumerable<List<LiteralInline>> TextRuns(ContainerInline container)
    {
        var run = new List<LiteralInline>();
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            if (inline is LiteralInline literal)
            {
                run.Add(literal);
                continue;
            }
            if (run.Count > 0)
            {
                yield return run;
                run = [];
            }
        }
        if (run.Count > 0)
        {
            yield return run;
        }
    }

    /// <summary>
    /// Replaces the container's children with the same inlines, except that text runs holding mentions are split
    /// into text and links. The children are detached and appended again rather than inserted in place, which keeps
    /// Markdig's own bookkeeping (used by Descendants) consistent.
    /// </summary>
    private static void LinkMentions(ContainerInline container, IReadOnlySet<string> existing)
    {
        var children = new List<Inline>();
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            children.Add(inline);
        }
        var output = new List<Inline>(children.Count);
        var run = new List<LiteralInline>();
        var changed = false;
        foreach (var child in children.Cast<Inline?>().Append(null))
        {
            if (child is LiteralInline literal)
            {
                run.Add(literal);
                continue;
            }
            changed |= Split(run, existing, output);
            run = [];
            if (child is not null)
            {
                output.Add(child);
            }
        }
        if (!changed)
        {
            return;
        }
        foreach (var child in children)
        {
            child.Remove();
        }
        foreach (var inline in output)
        {
            container.AppendChild(inline);
        }
    }

    /// <summary>Adds the run to <paramref name="output"/>, its mentions of existing people as links; true if it had any.</summary>
    private static bool Split(List<LiteralInline> run, IReadOnlySet<string> existing, List<Inline> output)
    {
        if (run.Count == 0)
        {
            return false;
        }
        var text = Concat(run);
        var mentions = Mention().Matches(text).Where(m => existing.Contains(m.Groups[1].Value.ToLowerInvariant())).ToList();
        if (mentions.Count == 0)
        {
            output.AddRange(run);
            return false;
        }
        var at = 0;
        foreach (var mention in mentions)
        {
            if (mention.Index > at)
            {
                output.Add(new LiteralInline(text[at..mention.Index]));
            }
            var link = new LinkInline("/@" + mention.Groups[1].Value.ToLowerInvariant(), "") { IsClosed = true };
            link.AppendChild(new LiteralInline(mention.Value));
            link.GetAttributes().AddClass("mention");
            output.Add(link);
            at = mention.Index + mention.Length;
        }
        if (at < text.Length)
        {
            output.Add(new LiteralInline(text[at..]));
        }
        return true;
    }

    private static string Concat(List<LiteralInline> run) =>
        run.Count == 1 ? run[0].Content.ToString() : string.Concat(run.Select(l => l.Content.ToString()));
}
