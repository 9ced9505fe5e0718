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

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
            if (link.IsImage)
            {
                link.IsImage = false;
            }
            link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow ugc noopener");
        }
        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            autolink.GetAttributes().AddPropertyIfNotExist("rel", "nofollow ugc noopener");
        }
        return document.ToHtml(Pipeline);
    }

    private static bool IsSafe(string? url) =>
        url is null
        || url.StartsWith('/') || url.StartsWith('#')
        || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
}
