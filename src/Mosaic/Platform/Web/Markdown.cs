using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Mosaic.Platform.Web;

/// <summary>
/// Markdown people write (descriptions, later comments and bios) rendered safely: raw HTML is disabled, so the
/// output holds only what Markdig itself emits, with every text encoded; links are marked nofollow ugc and images
/// are shown as links (no hot-linked pixels from other sites, which the CSP would refuse anyway).
/// </summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    public static string ToHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Render(Parse(markdown));

    public static MarkdownDocument Parse(string markdown) => Markdig.Markdown.Parse(markdown, Pipeline);

    public static string ToPlainText(string markdown) => Markdig.Markdown.ToPlainText(markdown, Pipeline).Trim();

    /// <summary>
    /// Renders a parsed document with the safety rules applied; <paramref name="rewrite"/> runs after them, for
    /// features that add their own inlines (comment mentions) to the tree.
    /// </summary>
    public static string Render(MarkdownDocument document, Action<MarkdownDocument>? rewrite = null)
    {
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
            link.IsImage = false;
            link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow ugc noopener");
        }
        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            autolink.GetAttributes().AddPropertyIfNotExist("rel", "nofollow ugc noopener");
        }
        rewrite?.Invoke(document);
        return document.ToHtml(Pipeline);
    }

    private static bool IsSafe(string? url) =>
        url is null
        || url.StartsWith('/') || url.StartsWith('#')
        || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
}
