using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Ura.Features.Training.Assessments;

/// <summary>
/// A provider's dimension scores over time as a server-rendered SVG: one row per dimension, one bar
/// per assessment (oldest first), on the framework's scale. No script and no library; the page puts
/// the same numbers in a table beside it, and the SVG carries a title and a description for screen
/// readers.
/// </summary>
public static class ProgressChart
{
    /// <summary>Fills that stay apart from each other and from white text-free bars; oldest to newest.</summary>
    private static readonly string[] Fills = ["#8faadc", "#2f5597", "#c55a11", "#548235", "#7030a0", "#1f1f1f"];

    public const int MaxAssessments = 6;

    private const int Width = 640, LabelWidth = 210, ValueWidth = 40, BarHeight = 14, BarGap = 2, GroupGap = 12, Top = 44;

    /// <summary>The chart, for the latest <see cref="MaxAssessments"/> assessments; empty without assessments.</summary>
    public static IHtmlContent Render(ProviderHistory history, CapacityFramework framework, string title, string description, string id = "progress")
    {
        var shown = history.Assessments.TakeLast(MaxAssessments).ToList();
        if (shown.Count == 0)
            return HtmlString.Empty;
        var e = HtmlEncoder.Default;
        var culture = CultureInfo.CurrentCulture;
        var plot = Width - LabelWidth - ValueWidth;
        var unit = (double)plot / framework.Highest;
        var groupHeight = shown.Count * (BarHeight + BarGap) + GroupGap;
        var height = Top + framework.Dimensions.Count * groupHeight + 24;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\" class=\"chart\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.Append($"<title id=\"{id}-title\">{e.Encode(title)}</title>");
        svg.Append($"<desc id=\"{id}-desc\">{e.Encode(description)}</desc>");

        // Legend: one swatch per assessment date.
        for (var i = 0; i < shown.Count; i++)
        {
            var x = 4 + i * 104;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{Fills[i]}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 16}\" y=\"16\" fill=\"#1f1f1f\">{e.Encode(Date(shown[i].AssessedOn))}</text>");
        }

        // Scale lines 1..n with their numbers.
        for (var level = 0; level <= framework.Highest; level++)
        {
            var x = LabelWidth + level * unit;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{Top - 6}\" x2=\"{x:0.#}\" y2=\"{height - 20}\" stroke=\"#bfbfbf\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{height - 6}\" text-anchor=\"middle\" fill=\"#1f1f1f\">{level}</text>");
        }

        var y = Top;
        foreach (var dimension in framework.Dimensions)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + BarHeight - 2}\" text-anchor=\"end\" fill=\"#1f1f1f\">{e.Encode(dimension.Name.Current)}</text>");
            for (var i = 0; i < shown.Count; i++)
            {
                var score = shown[i].Dimensions.FirstOrDefault(d => d.Dimension == dimension.Key)?.Average;
                var barY = y + i * (BarHeight + BarGap);
                if (score is { } value)
                {
                    var w = (double)value * unit;
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{barY}\" width=\"{w:0.#}\" height=\"{BarHeight}\" fill=\"{Fills[i]}\"/>");
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + w + 4:0.#}\" y=\"{barY + BarHeight - 3}\" fill=\"#1f1f1f\">{e.Encode(Number(value, culture))}</text>");
                }
            }
            y += groupHeight;
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    public static string Number(decimal value, IFormatProvider culture) => value.ToString("0.00", culture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
