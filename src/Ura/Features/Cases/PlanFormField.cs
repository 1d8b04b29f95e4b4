using System.Globalization;

namespace Ura.Features.Cases;

/// <summary>
/// One form control of the risk, plan and service pages that the <c>field</c> tag helper does not
/// draw (text areas, selects, dates shown in ISO form whatever the page language), with its label
/// and error wired up the same accessible way. Drawn by <c>PlanFormField.cshtml</c>.
/// </summary>
public sealed record PlanFormField(string Name, string Label, PlanFormField.Control Kind, string? Value)
{
    public enum Control
    {
        TextArea,
        Select,
        Date,
        Number,
    }

    /// <summary>The choices of a select as (value, text).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Options { get; init; } = [];

    /// <summary>The text of the empty first choice of a select; null when a choice is required.</summary>
    public string? Empty { get; init; }

    public string? Hint { get; init; }
    public bool Required { get; init; }

    public string Id => Name.Replace('.', '_');

    public static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Number(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture);
}
