using Ura.Features.Identification;
using static Ura.Tests.Identification.TestInstruments;

namespace Ura.Tests.Identification;

public sealed class IloScreeningTests
{
    private const string Deceptive = "deceptive_recruitment";
    private const string Coercive = "coercive_recruitment";
    private const string RecruitmentVulnerability = "recruitment_by_abuse_of_vulnerability";
    private const string Conditions = "exploitative_conditions_of_work";
    private const string Coercion = "coercion_at_destination";
    private const string DestinationVulnerability = "abuse_of_vulnerability_at_destination";

    private static readonly InstrumentDocument Instrument = Parse(Verified());

    [Theory]
    [InlineData(2, 0, 0, true)]
    [InlineData(3, 0, 0, true)]
    [InlineData(1, 0, 0, false)]
    [InlineData(1, 1, 0, true)]
    [InlineData(1, 0, 1, true)]
    [InlineData(0, 3, 0, true)]
    [InlineData(0, 2, 0, false)]
    [InlineData(0, 2, 1, true)]
    [InlineData(0, 1, 2, false)]
    [InlineData(0, 1, 1, false)]
    [InlineData(0, 0, 3, false)]
    [InlineData(0, 0, 0, false)]
    public void Evaluate_YesCountsPerStrength_DimensionPositiveExactlyAtThresholds(int strong, int medium, int weak, bool positive)
    {
        foreach (var list in Enum.GetValues<ScreeningList>())
        {
            var result = IloScreening.Evaluate(Instrument, list, Answers(Yes(Conditions, strong, medium, weak)));

            var dimension = Assert.Single(result.Dimensions, d => d.Dimension == Conditions);
            Assert.Equal(positive, dimension.Positive);
            Assert.Equal(strong + medium + weak, dimension.Counted.Count);
            Assert.Equal(positive, dimension.MetThreshold is not null);
            Assert.All(result.Dimensions.Where(d => d.Dimension != Conditions), d => Assert.False(d.Positive));
        }
    }

    [Fact]
    public void Evaluate_PositiveDimension_ReasonNamesCountedIndicatorsAndThresholdMet()
    {
        var result = IloScreening.Evaluate(Instrument, ScreeningList.AdultLabour, Answers(Yes(Coercion, strong: 1, weak: 1)));

        var dimension = Assert.Single(result.Dimensions, d => d.Positive);
        Assert.Equal(Coercion, dimension.Dimension);
        Assert.Equal(["cad-s1", "cad-w1"], dimension.Counted.Select(i => i.Id));
        Assert.Equal(new Threshold(1, 0, 0, 1), dimension.MetThreshold);
    }

    [Fact]
    public void Evaluate_UnknownAndNoAnswers_DoNotCountAsYes()
    {
        var answers = new Dictionary<string, Answer>
        {
            ["ecw-s1"] = Answer.Unknown,
            ["ecw-s2"] = Answer.Unknown,
            ["ecw-s3"] = Answer.No,
            ["ecw-m1"] = Answer.Unknown,
            ["ecw-m2"] = Answer.No,
            ["ecw-m3"] = Answer.Yes,
        };

        var result = IloScreening.Evaluate(Instrument, ScreeningList.ChildLabour, answers);

        var dimension = Assert.Single(result.Dimensions, d => d.Dimension == Conditions);
        Assert.False(dimension.Positive);
        Assert.Equal(["ecw-m3"], dimension.Counted.Select(i => i.Id));
        Assert.Equal(Suggestion.NotPresumedVictim, result.Suggestion);
    }

    [Theory]
    [InlineData(Deceptive, Coercion)]
    [InlineData(Coercive, Coercion)]
    [InlineData(RecruitmentVulnerability, Coercion)]
    [InlineData(Deceptive, DestinationVulnerability)]
    [InlineData(RecruitmentVulnerability, DestinationVulnerability)]
    public void Evaluate_AdultMeansConditionsAndCoercionPositive_PresumedVictim(string means, string coercion)
    {
        foreach (var list in new[] { ScreeningList.AdultLabour, ScreeningList.AdultSexual })
        {
            var result = IloScreening.Evaluate(Instrument, list, Answers(Positive(means), Positive(Conditions), Positive(coercion)));

            Assert.Equal(Suggestion.PresumedVictim, result.Suggestion);
            Assert.Empty(result.NoSuggestionReasons);
            Assert.Equal(new[] { means, Conditions, coercion }.Order(), result.PositiveDimensions.Order());
        }
    }

    [Theory]
    [InlineData(Conditions, Coercion)]
    [InlineData(Deceptive, Coercion)]
    [InlineData(Deceptive, Conditions)]
    [InlineData(Coercive, RecruitmentVulnerability)]
    public void Evaluate_AdultOneGroupWithoutPositiveDimension_NotPresumedVictim(string first, string second)
    {
        var result = IloScreening.Evaluate(Instrument, ScreeningList.AdultLabour, Answers(Positive(first), Positive(second)));

        Assert.Equal(Suggestion.NotPresumedVictim, result.Suggestion);
        Assert.Equal(2, result.PositiveDimensions.Count());
    }

    [Fact]
    public void Evaluate_AdultConditionsOneStrongShortOfThreshold_NotPresumedVictim()
    {
        var result = IloScreening.Evaluate(Instrument, ScreeningList.AdultLabour,
            Answers(Positive(Deceptive), Yes(Conditions, strong: 1), Positive(Coercion)));

        Assert.Equal(Suggestion.NotPresumedVictim, result.Suggestion);
    }

    [Fact]
    public void Evaluate_ChildExploitativeConditionsAlone_PresumedVictimWhileAdultIsNot()
    {
        var answers = Answers(Yes(Conditions, medium: 2, weak: 1));

        Assert.Equal(Suggestion.PresumedVictim, IloScreening.Evaluate(Instrument, ScreeningList.ChildLabour, answers).Suggestion);
        Assert.Equal(Suggestion.PresumedVictim, IloScreening.Evaluate(Instrument, ScreeningList.ChildSexual, answers).Suggestion);
        Assert.Equal(Suggestion.NotPresumedVictim, IloScreening.Evaluate(Instrument, ScreeningList.AdultLabour, answers).Suggestion);
    }

    [Fact]
    public void Evaluate_ChildEveryDimensionButConditions_NotPresumedVictim()
    {
        var result = IloScreening.Evaluate(Instrument, ScreeningList.ChildLabour,
            Answers(Positive(Deceptive), Positive(Coercive), Positive(RecruitmentVulnerability), Positive(Coercion), Positive(DestinationVulnerability)));

        Assert.Equal(Suggestion.NotPresumedVictim, result.Suggestion);
        Assert.Equal(5, result.PositiveDimensions.Count());
    }

    [Fact]
    public void Evaluate_NoAnswers_NotPresumedVictimNothingPositive()
    {
        var result = IloScreening.Evaluate(Instrument, ScreeningList.AdultLabour, new Dictionary<string, Answer>());

        Assert.Equal(Suggestion.NotPresumedVictim, result.Suggestion);
        Assert.Equal(6, result.Dimensions.Count);
        Assert.Empty(result.PositiveDimensions);
    }

    [Theory]
    [InlineData("status", "unverified", NoSuggestionReason.InstrumentUnverified)]
    [InlineData("status", "incomplete", NoSuggestionReason.InstrumentIncomplete)]
    [InlineData("list", "unverified", NoSuggestionReason.ListUnverified)]
    [InlineData("list", "incomplete", NoSuggestionReason.ListIncomplete)]
    [InlineData("rule", "unverified", NoSuggestionReason.RuleUnverified)]
    [InlineData("rule", "incomplete", NoSuggestionReason.RuleIncomplete)]
    public void Evaluate_InstrumentListOrRuleNotVerified_NoSuggestionWithReasonButDimensionsComputed(string part, string status, NoSuggestionReason reason)
    {
        var json = Verified();
        switch (part)
        {
            case "status": json["status"] = status; break;
            case "list": json["lists"]!["adult_labour"]!["status"] = status; break;
            default: json["decision_rule"]!["status"] = status; break;
        }
        var instrument = Parse(json);

        var result = IloScreening.Evaluate(instrument, ScreeningList.AdultLabour, Answers(Positive(Deceptive), Positive(Conditions), Positive(Coercion)));

        Assert.Equal(Suggestion.None, result.Suggestion);
        Assert.Equal([reason], result.NoSuggestionReasons);
        Assert.Equal(3, result.PositiveDimensions.Count());
    }

    [Fact]
    public void Evaluate_OtherListNotVerified_SuggestionStillGiven()
    {
        var json = Verified();
        json["lists"]!["adult_sexual"]!["status"] = "incomplete";

        var result = IloScreening.Evaluate(Parse(json), ScreeningList.AdultLabour, Answers(Positive(Deceptive), Positive(Conditions), Positive(Coercion)));

        Assert.Equal(Suggestion.PresumedVictim, result.Suggestion);
    }

    [Fact]
    public void Evaluate_ThresholdsFromData_OneStrongSufficesWhenInstrumentSaysSo()
    {
        var json = Verified();
        json["decision_rule"]!["dimension_positive"] = System.Text.Json.Nodes.JsonNode.Parse("""[{"strong":1}]""");
        var instrument = Parse(json);

        var result = IloScreening.Evaluate(instrument, ScreeningList.ChildLabour, Answers(Yes(Conditions, strong: 1)));
        var mediums = IloScreening.Evaluate(instrument, ScreeningList.ChildLabour, Answers(Yes(Conditions, medium: 3)));

        Assert.Equal(Suggestion.PresumedVictim, result.Suggestion);
        Assert.Equal(Suggestion.NotPresumedVictim, mediums.Suggestion);
    }

    [Fact]
    public void Evaluate_CombinationFromData_ChildRuleRequiringCoercionToo()
    {
        var json = Verified();
        json["decision_rule"]!["child"] = System.Text.Json.Nodes.JsonNode.Parse("""{"all_of":[["exploitative_conditions_of_work"],["coercion_at_destination"]]}""");
        var instrument = Parse(json);

        Assert.Equal(Suggestion.NotPresumedVictim, IloScreening.Evaluate(instrument, ScreeningList.ChildLabour, Answers(Positive(Conditions))).Suggestion);
        Assert.Equal(Suggestion.PresumedVictim, IloScreening.Evaluate(instrument, ScreeningList.ChildLabour, Answers(Positive(Conditions), Positive(Coercion))).Suggestion);
    }

    [Fact]
    public void Evaluate_AnswerToIndicatorNotInList_Refused()
    {
        var answers = new Dictionary<string, Answer> { ["ecw-s1"] = Answer.Yes, ["zz-99"] = Answer.Yes };

        var error = Assert.Throws<ArgumentException>(() => IloScreening.Evaluate(Instrument, ScreeningList.AdultLabour, answers));

        Assert.Contains("zz-99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DefaultIloLabourList_DimensionsComputedButNoSuggestionBecauseUnverified()
    {
        var ilo = InstrumentDocument.Parse(DefaultInstruments.IloJson()).Document!;
        var conditions = ilo.Lists[ScreeningList.AdultLabour].Dimensions[Conditions];
        var strong = conditions.Single(i => i.Strength == Strength.Strong);
        var medium = conditions.First(i => i.Strength == Strength.Medium);

        var result = IloScreening.Evaluate(ilo, ScreeningList.AdultLabour, new Dictionary<string, Answer> { [strong.Id] = Answer.Yes, [medium.Id] = Answer.Yes });

        Assert.Equal(Suggestion.None, result.Suggestion);
        Assert.Equal([NoSuggestionReason.InstrumentUnverified, NoSuggestionReason.ListUnverified, NoSuggestionReason.RuleUnverified], result.NoSuggestionReasons);
        Assert.Equal([Conditions], result.PositiveDimensions);
    }

    [Fact]
    public void Evaluate_DefaultIloSexualList_NoSuggestionBecauseIncomplete()
    {
        var ilo = InstrumentDocument.Parse(DefaultInstruments.IloJson()).Document!;

        var result = IloScreening.Evaluate(ilo, ScreeningList.ChildSexual, new Dictionary<string, Answer>());

        Assert.Equal(Suggestion.None, result.Suggestion);
        Assert.Contains(NoSuggestionReason.ListIncomplete, result.NoSuggestionReasons);
    }
}
