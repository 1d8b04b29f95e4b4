namespace Ura.Features.Identification;

public enum Answer
{
    Unknown,
    Yes,
    No,
}

/// <summary>What the rule suggests. Never a legal finding: the worker records their own conclusion.</summary>
public enum Suggestion
{
    /// <summary>The instrument, its list or its rule is not complete and verified, so the rule says nothing.</summary>
    None,
    PresumedVictim,
    NotPresumedVictim,
}

/// <summary>Why no suggestion was given; each one names what would have to be fixed.</summary>
public enum NoSuggestionReason
{
    InstrumentIncomplete,
    InstrumentUnverified,
    ListIncomplete,
    ListUnverified,
    RuleIncomplete,
    RuleUnverified,
}

/// <summary>One dimension's outcome: the yes-answered indicators that counted and the threshold they met, if any.</summary>
public sealed record DimensionResult(string Dimension, bool Positive, IReadOnlyList<Indicator> Counted, Threshold? MetThreshold);

public sealed record ScreeningResult(ScreeningList List, IReadOnlyList<DimensionResult> Dimensions, Suggestion Suggestion,
    IReadOnlyList<NoSuggestionReason> NoSuggestionReasons)
{
    public IEnumerable<string> PositiveDimensions => Dimensions.Where(d => d.Positive).Select(d => d.Dimension);
}

/// <summary>
/// The ILO/EC decision rule, driven entirely by the instrument's data: a dimension is positive when
/// the yes-answered indicators meet any one of <see cref="DecisionRule.DimensionPositive"/>; the
/// person is suggested as a presumed victim when every group of the age group's
/// <see cref="Combination"/> holds a positive dimension.
/// </summary>
/// <remarks>
/// Provenance caveat (see the shipped instrument's "provenance" and shared/standards/ilo-README.md):
/// the dimension thresholds come from a secondary source quoting WCMS_105023 p.3, not from the PDF;
/// the adult rule (means AND exploitative conditions AND coercion, with abuse of vulnerability
/// substituting) and the child rule (exploitative conditions suffice, since the Palermo Protocol
/// needs no means for a child) are a secondary paraphrase, not the ILO wording. That is why the
/// rule, like each list, carries a status, and why nothing is suggested unless instrument, list and
/// rule are all verified: an imported instrument can correct the thresholds and combinations
/// without a code change.
/// </remarks>
public static class IloScreening
{
    public static bool IsChild(ScreeningList list) => list is ScreeningList.ChildLabour or ScreeningList.ChildSexual;

    /// <summary>
    /// Evaluates the answers against one list. Only <see cref="Answer.Yes"/> counts: unknown is not yes.
    /// Answers to indicators the list does not hold are refused, so a mistyped id cannot go unnoticed.
    /// </summary>
    public static ScreeningResult Evaluate(InstrumentDocument instrument, ScreeningList list, IReadOnlyDictionary<string, Answer> answers)
    {
        var indicators = instrument.Lists[list];
        var known = indicators.All.Select(x => x.Indicator.Id).ToHashSet(StringComparer.Ordinal);
        var stray = answers.Keys.Where(id => !known.Contains(id)).ToList();
        if (stray.Count > 0)
            throw new ArgumentException($"Answers to indicators not in {InstrumentDocument.NameOf(list)}: {string.Join(", ", stray)}.", nameof(answers));

        var dimensions = InstrumentDocument.DimensionNames.Select(name =>
        {
            var counted = indicators.Dimensions[name].Where(i => answers.GetValueOrDefault(i.Id) == Answer.Yes).ToList();
            var met = instrument.Rule.DimensionPositive.FirstOrDefault(t => Meets(counted, t));
            return new DimensionResult(name, met is not null, counted, met);
        }).ToList();

        var reasons = ReasonsForNoSuggestion(instrument, indicators);
        var suggestion = Suggestion.None;
        if (reasons.Count == 0)
        {
            var combination = IsChild(list) ? instrument.Rule.Child : instrument.Rule.Adult;
            var positive = dimensions.Where(d => d.Positive).Select(d => d.Dimension).ToHashSet();
            suggestion = combination.AllOf.All(group => group.Any(positive.Contains))
                ? Suggestion.PresumedVictim
                : Suggestion.NotPresumedVictim;
        }
        return new ScreeningResult(list, dimensions, suggestion, reasons);
    }

    private static bool Meets(List<Indicator> counted, Threshold threshold)
    {
        int Of(Strength s) => counted.Count(i => i.Strength == s);
        var (strong, medium, weak) = (Of(Strength.Strong), Of(Strength.Medium), Of(Strength.Weak));
        return strong >= threshold.Strong && medium >= threshold.Medium && weak >= threshold.Weak
            && medium + weak >= threshold.MediumOrWeak;
    }

    private static List<NoSuggestionReason> ReasonsForNoSuggestion(InstrumentDocument instrument, IndicatorList list)
    {
        var reasons = new List<NoSuggestionReason>();
        static NoSuggestionReason? Of(InstrumentStatus status, NoSuggestionReason incomplete, NoSuggestionReason unverified) => status switch
        {
            InstrumentStatus.Incomplete => incomplete,
            InstrumentStatus.Unverified => unverified,
            _ => null,
        };
        foreach (var reason in new[]
        {
            Of(instrument.Status, NoSuggestionReason.InstrumentIncomplete, NoSuggestionReason.InstrumentUnverified),
            Of(list.Status, NoSuggestionReason.ListIncomplete, NoSuggestionReason.ListUnverified),
            Of(instrument.Rule.Status, NoSuggestionReason.RuleIncomplete, NoSuggestionReason.RuleUnverified),
        })
            if (reason is not null)
                reasons.Add(reason.Value);
        return reasons;
    }
}
