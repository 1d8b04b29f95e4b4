using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Ura.Features.Awareness.Public;

/// <summary>
/// Markdown of the help pages, made safe for people who may be watched: no raw HTML (refused on save,
/// escaped on display), no images (they would load from elsewhere), links only to web pages, phone numbers,
/// e-mail addresses or pages of this site.
/// </summary>
public static partial class HelpMarkdown
{
    // HTML is parsed (not disabled) only to find it and refuse it on save.
    private static readonly MarkdownPipeline Finding = new MarkdownPipelineBuilder().Build();
    private static readonly MarkdownPipeline Display = new MarkdownPipelineBuilder().DisableHtml().Build();

    private static readonly string[] AllowedSchemes = ["http:", "https:", "tel:", "mailto:"];

    /// <summary>A link target visitors may follow: http, https, tel, mailto, or a path on this site (not <c>//elsewhere</c>).</summary>
    public static bool IsAllowedLink(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return false;
        var trimmed = url.Trim();
        if (trimmed.StartsWith('/'))
            return !trimmed.StartsWith("//", StringComparison.Ordinal) && !trimmed.StartsWith("/\\", StringComparison.Ordinal);
        return AllowedSchemes.Any(s => trimmed.StartsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The resource keys of what the text breaks: raw HTML, an image, a link of another kind.</summary>
    public static IReadOnlyList<string> Problems(string markdown)
    {
        var problems = new List<string>();
        var document = Markdown.Parse(markdown, Finding);
        foreach (var node in document.Descendants())
        {
            var problem = node switch
            {
                HtmlBlock or HtmlInline => "HelpPages.RawHtml",
                LinkInline { IsImage: true } => "HelpPages.NoImages",
                LinkInline link when !IsAllowedLink(link.Url) => "HelpPages.LinkNotAllowed",
                AutolinkInline auto when !IsAllowedLink(auto.IsEmail ? "mailto:" + auto.Url : auto.Url) => "HelpPages.LinkNotAllowed",
                _ => null,
            };
            if (problem is not null && !problems.Contains(problem))
                problems.Add(problem);
        }
        // "<" followed by a letter, "/" or "!" starts an HTML tag or comment even where Markdown would not render it as one.
        if (!problems.Contains("HelpPages.RawHtml") && RawTag().IsMatch(markdown))
            problems.Add("HelpPages.RawHtml");
        return problems;
    }

    /// <summary>
    /// HTML for the page. Raw HTML comes out escaped; an image or a link that slipped past the checks on
    /// save (text written before a rule, or straight into the database) shows as plain text.
    /// </summary>
    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Display);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!link.IsImage && IsAllowedLink(link.Url))
                continue;
            var text = new LiteralInline(link.IsImage ? link.Title ?? "" : string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString())));
            link.ReplaceBy(text);
        }
        foreach (var auto in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsAllowedLink(auto.IsEmail ? "mailto:" + auto.Url : auto.Url))
                auto.ReplaceBy(new LiteralInline(auto.Url));
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Display.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<[A-Za-z/!?]")]
    private static partial System.Text.RegularExpressions.Regex RawTag();
}
