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

    /// <summary>
    /// Amounts are typed as text in the reader's number format (12,50 in Macedonian), because model
    /// binding reads form values in the page's culture and a number input would always send 12.50.
    /// </summary>
    public static string? Number(decimal? value) => value?.ToString("0.##", CultureInfo.CurrentCulture);
}

/// <summary>The model of <c>PlanGoalFields.cshtml</c>: the goal's values under a form prefix, and the organisations to choose from.</summary>
public sealed record PlanGoalFields(string Prefix, PlanGoalInput Input, IReadOnlyList<OrganisationChoice> Organisations);

/// <summary>The model of <c>ServiceFields.cshtml</c>: the service's values under a form prefix, the providers and the case's goals.</summary>
public sealed record ServiceFields(string Prefix, ServiceDeliveryInput Input, IReadOnlyList<OrganisationChoice> Organisations, IReadOnlyList<PlanGoalView> Goals);
