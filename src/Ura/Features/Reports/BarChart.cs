using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Ura.Features.Reports;

/// <summary>One group of bars: its label and one value per series; null is a hidden (suppressed) count.</summary>
public sealed record BarGroup(string Label, IReadOnlyList<int?> Values);

/// <summary>
/// Counts as a server-rendered horizontal bar chart in SVG: one group per row, one bar per series,
/// a legend when there are several series. No script and no library. The chart is named by its
/// title and by the caption of the table of the same numbers the page shows beside it
/// (<c>aria-labelledby</c>), so a screen reader goes to the table; a hidden count is drawn as the
/// page's mark (such as "&lt;5") without a bar.
/// </summary>
public static class BarChart
{
    private static readonly string[] Fills = ["#2f5597", "#c55a11", "#548235", "#7030a0", "#8faadc", "#1f1f1f"];

    private const int Width = 640, LabelWidth = 200, ValueWidth = 50, BarHeight = 14, BarGap = 2, GroupGap = 10;

    /// <param name="id">Unique on the page; the title gets <c>{id}-title</c>.</param>
    /// <param name="tableCaptionId">The id of the caption of the table with the same numbers.</param>
    /// <param name="series">Series names for the legend (none shown for a single series).</param>
    /// <param name="hiddenMark">What a hidden count shows, such as "&lt;5".</param>
    public static IHtmlContent Render(string id, string title, string tableCaptionId, IReadOnlyList<string> series, IReadOnlyList<BarGroup> groups, string hiddenMark)
    {
        if (groups.Count == 0 || series.Count == 0)
            return HtmlString.Empty;
        var e = HtmlEncoder.Default;
        var culture = CultureInfo.CurrentCulture;
        var largest = Math.Max(1, groups.SelectMany(g => g.Values).Max(v => v ?? 0));
        var plot = Width - LabelWidth - ValueWidth;
        var top = series.Count > 1 ? 30 : 8;
        var groupHeight = series.Count * (BarHeight + BarGap) + GroupGap;
        var height = top + groups.Count * groupHeight;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{e.Encode(id)}-title {e.Encode(tableCaptionId)}\" class=\"chart\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{e.Encode(id)}-title\">{e.Encode(title)}</title>");
        if (series.Count > 1)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var x = 4 + s * 160;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{Fills[s % Fills.Length]}\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 16}\" y=\"16\" fill=\"#1f1f1f\">{e.Encode(series[s])}</text>");
            }
        }
        var y = top;
        foreach (var group in groups)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + BarHeight - 2}\" text-anchor=\"end\" fill=\"#1f1f1f\">{e.Encode(group.Label)}</text>");
            for (var s = 0; s < series.Count && s < group.Values.Count; s++)
            {
                var barY = y + s * (BarHeight + BarGap);
                var width = group.Values[s] is { } v ? (double)v * plot / largest : 0;
                if (width > 0)
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{barY}\" width=\"{width:0.#}\" height=\"{BarHeight}\" fill=\"{Fills[s % Fills.Length]}\"/>");
                var text = group.Values[s] is { } value ? value.ToString("N0", culture) : hiddenMark;
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + width + 4:0.#}\" y=\"{barY + BarHeight - 3}\" fill=\"#1f1f1f\">{e.Encode(text)}</text>");
            }
            y += groupHeight;
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
