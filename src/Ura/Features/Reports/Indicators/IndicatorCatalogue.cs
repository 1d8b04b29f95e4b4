namespace Ura.Features.Reports.Indicators;

/// <summary>What an indicator's value measures.</summary>
public enum IndicatorUnit
{
    /// <summary>A number of persons, records or events.</summary>
    Count,
    /// <summary>A median number of days.</summary>
    Days,
    /// <summary>A median number of hours.</summary>
    Hours,
    /// <summary>A sum of money as recorded.</summary>
    Amount,
}

/// <summary>
/// One indicator: its stable key, what its value is, and the breakdowns it can be split by. The title and the
/// written definition are the resources <c>Indicator.{Key}.Title</c> and <c>Indicator.{Key}.Definition</c>.
/// </summary>
public sealed record Indicator(string Key, IndicatorUnit Unit, IReadOnlyList<string> Disaggregations)
{
    public string TitleKey => $"Indicator.{Key}.Title";
    public string DefinitionKey => $"Indicator.{Key}.Definition";

    public bool Supports(string by) => Disaggregations.Contains(by, StringComparer.Ordinal);

    /// <summary>A median or an amount: hidden as a whole when it rests on fewer records than the threshold.</summary>
    public bool IsMeasure => Unit is not IndicatorUnit.Count;
}

/// <summary>The indicators a report can hold (issue 8), with the keys other features (projects) refer to.</summary>
public static class IndicatorCatalogue
{
    public const string Sex = "sex";
    public const string AgeBand = "age-band";
    public const string Citizenship = "citizenship";
    public const string ExploitationType = "exploitation-type";
    public const string Transnational = "transnational";
    public const string CountryOfExploitation = "country-of-exploitation";
    public const string Organisation = "organisation";
    public const string Country = "country";
    public const string ServiceType = "service-type";
    public const string FollowUpMonth = "follow-up-month";

    /// <summary>Every breakdown, in the order forms offer them.</summary>
    public static readonly IReadOnlyList<string> Disaggregations =
        [Sex, AgeBand, Citizenship, ExploitationType, Transnational, CountryOfExploitation, Organisation, Country, ServiceType, FollowUpMonth];

    private static readonly string[] Victim = [Sex, AgeBand, Citizenship, ExploitationType, Transnational, CountryOfExploitation, Organisation, Country];
    private static readonly string[] Place = [Organisation, Country];
    private static readonly string[] PersonAndPlace = [Sex, AgeBand, Organisation, Country];

    public static readonly IReadOnlyList<Indicator> All =
    [
        new("persons-screened", IndicatorUnit.Count, Place),
        new("potential-victims", IndicatorUnit.Count, Victim),
        new("identified-victims", IndicatorUnit.Count, Victim),
        new("days-to-identification", IndicatorUnit.Days, PersonAndPlace),
        new("referrals-made", IndicatorUnit.Count, PersonAndPlace),
        new("referrals-accepted", IndicatorUnit.Count, PersonAndPlace),
        new("referrals-declined", IndicatorUnit.Count, PersonAndPlace),
        new("referrals-completed", IndicatorUnit.Count, PersonAndPlace),
        new("hours-to-acknowledge", IndicatorUnit.Hours, Place),
        new("hours-to-decide", IndicatorUnit.Hours, Place),
        new("services-delivered", IndicatorUnit.Count, [ServiceType, Sex, AgeBand, Organisation, Country]),
        new("service-cost", IndicatorUnit.Amount, [ServiceType, Organisation, Country]),
        new("transnational-referrals", IndicatorUnit.Count, Place),
        new("returns", IndicatorUnit.Count, Place),
        new("follow-ups", IndicatorUnit.Count, [FollowUpMonth, Organisation, Country]),
        new("shelter-bed-nights", IndicatorUnit.Count, PersonAndPlace),
        new("shelter-length-of-stay", IndicatorUnit.Days, Place),
        new("campaign-reach", IndicatorUnit.Count, PersonAndPlace),
        new("trainings", IndicatorUnit.Count, Place),
        new("training-participants", IndicatorUnit.Count, [Sex, Organisation, Country]),
        new("capacity-progress", IndicatorUnit.Count, Place),
    ];

    public static readonly IReadOnlyList<string> Keys = [.. All.Select(i => i.Key)];

    public static bool IsKnown(string? key) => Find(key) is not null;

    public static Indicator? Find(string? key) => All.FirstOrDefault(i => i.Key == key);

    public static bool IsDisaggregation(string? by) => by is not null && Disaggregations.Contains(by, StringComparer.Ordinal);

    public static string DisaggregationKey(string by) => $"Indicator.By.{by}";
}
