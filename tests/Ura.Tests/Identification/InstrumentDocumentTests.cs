using System.Globalization;
using System.Text.Json.Nodes;
using Ura.Features.Identification;
using static Ura.Tests.Identification.TestInstruments;

namespace Ura.Tests.Identification;

public sealed class InstrumentDocumentTests
{
    private static InstrumentError SingleError(JsonObject json)
    {
        var parsed = InstrumentDocument.Parse(json.ToJsonString());
        Assert.False(parsed.Succeeded);
        Assert.Null(parsed.Document);
        return Assert.Single(parsed.Errors);
    }

    private static JsonObject Indicator(JsonObject json, string list, string dimension, int index) =>
        json["lists"]![list]!["dimensions"]![dimension]![index]!.AsObject();

    [Fact]
    public void Parse_TestInstrument_ReadsEveryPart()
    {
        var instrument = Parse(Verified("national-sop", "2026.1"));

        Assert.Equal(("national-sop", "2026.1", InstrumentStatus.Verified), (instrument.Key, instrument.Version, instrument.Status));
        Assert.Equal("Тест инструмент", instrument.Title.In(CultureInfo.GetCultureInfo("mk")));
        Assert.Equal("Test instrument", instrument.Title.In(CultureInfo.GetCultureInfo("sr-Latn")));
        Assert.Equal(4, instrument.Rule.DimensionPositive.Count);
        Assert.Equal(3, instrument.Rule.Adult.AllOf.Count);
        Assert.Equal(4, instrument.Lists.Count);
        Assert.All(instrument.Lists.Values, l => Assert.Equal(54, l.All.Count()));
    }

    [Fact]
    public void Parse_DefaultIlo_CarriesSourceCountsStatusesAndProvenance()
    {
        var parsed = InstrumentDocument.Parse(DefaultInstruments.IloJson());

        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Errors.Select(e => e.Path + " " + e.MessageKey)));
        var ilo = parsed.Document!;
        Assert.Equal((InstrumentStatus.Unverified, InstrumentStatus.Unverified), (ilo.Status, ilo.Rule.Status));
        Assert.Contains("WCMS_105023", ilo.Provenance, StringComparison.Ordinal);
        var adult = ilo.Lists[ScreeningList.AdultLabour];
        var child = ilo.Lists[ScreeningList.ChildLabour];
        Assert.Equal((InstrumentStatus.Unverified, InstrumentStatus.Unverified), (adult.Status, child.Status));
        Assert.Equal([10, 10, 16, 9, 15, 7], InstrumentDocument.DimensionNames.Select(d => adult.Dimensions[d].Count));
        Assert.Equal([10, 10, 15, 8, 15, 7], InstrumentDocument.DimensionNames.Select(d => child.Dimensions[d].Count));
        Assert.Equal((7, 53, 7), (adult.All.Count(x => x.Indicator.Strength == Strength.Strong),
            adult.All.Count(x => x.Indicator.Strength == Strength.Medium), adult.All.Count(x => x.Indicator.Strength == Strength.Weak)));
        Assert.Equal(0, child.All.Count(x => x.Indicator.Strength == Strength.Weak));
        Assert.Equal(Strength.Medium, adult.Dimensions["coercive_recruitment"].Single(i => i.Text.English == "Debt bondage").Strength);
        Assert.Equal(Strength.Strong, adult.Dimensions["coercion_at_destination"].Single(i => i.Text.English == "Debt bondage").Strength);
        foreach (var sexual in new[] { ScreeningList.AdultSexual, ScreeningList.ChildSexual })
        {
            Assert.Equal(InstrumentStatus.Incomplete, ilo.Lists[sexual].Status);
            Assert.Empty(ilo.Lists[sexual].All);
        }
        Assert.Equal([new Threshold(2, 0, 0, 0), new Threshold(1, 0, 0, 1), new Threshold(0, 3, 0, 0), new Threshold(0, 2, 1, 0)], ilo.Rule.DimensionPositive);
    }

    [Theory]
    [InlineData("{ \"key\": ", "1", "10")]
    [InlineData("not json", "1", "2")]
    [InlineData("{\n  \"key\": \"a\",\n  \"version\": 1,,\n}", "3", "16")]
    public void Parse_MalformedJson_NotJsonWithLineAndPosition(string json, string line, string position)
    {
        var parsed = InstrumentDocument.Parse(json);

        var error = Assert.Single(parsed.Errors);
        Assert.Equal(("", "Screening.Error.NotJson"), (error.Path, error.MessageKey));
        Assert.Equal([line, position], error.Arguments);
    }

    [Fact]
    public void Parse_ArrayAtTop_NotObject()
    {
        var error = Assert.Single(InstrumentDocument.Parse("[]").Errors);

        Assert.Equal(("(document)", "Screening.Error.NotObject"), (error.Path, error.MessageKey));
    }

    [Fact]
    public void Parse_TooLarge_Refused()
    {
        var error = Assert.Single(InstrumentDocument.Parse(new string(' ', InstrumentDocument.MaxLength + 1)).Errors);

        Assert.Equal("Screening.Error.TooLarge", error.MessageKey);
    }

    [Fact]
    public void Parse_UnknownStrength_NamesIndicatorAndValue()
    {
        var json = Verified();
        Indicator(json, "adult_labour", "coercive_recruitment", 4)["strength"] = "very strong";

        var error = SingleError(json);

        Assert.Equal(("lists.adult_labour.dimensions.coercive_recruitment[4].strength", "Screening.Error.Strength"), (error.Path, error.MessageKey));
        Assert.Equal(["very strong"], error.Arguments);
    }

    [Fact]
    public void Parse_MissingDimension_NamesListAndDimension()
    {
        var json = Verified();
        json["lists"]!["child_labour"]!["dimensions"]!.AsObject().Remove("coercion_at_destination");

        var error = SingleError(json);

        Assert.Equal(("lists.child_labour.dimensions.coercion_at_destination", "Screening.Error.Missing"), (error.Path, error.MessageKey));
    }

    [Fact]
    public void Parse_UnknownDimension_Refused()
    {
        var json = Verified();
        json["lists"]!["child_labour"]!["dimensions"]!["coercion_at_home"] = new JsonArray();

        var error = SingleError(json);

        Assert.Equal(("lists.child_labour.dimensions.coercion_at_home", "Screening.Error.UnknownDimension"), (error.Path, error.MessageKey));
    }

    [Fact]
    public void Parse_MissingList_NamesList()
    {
        var json = Verified();
        json["lists"]!.AsObject().Remove("child_sexual");

        var error = SingleError(json);

        Assert.Equal(("lists.child_sexual", "Screening.Error.Missing"), (error.Path, error.MessageKey));
    }

    [Fact]
    public void Parse_DuplicateIndicatorIdAcrossDimensions_NamesBothPlaces()
    {
        var json = Verified();
        Indicator(json, "adult_sexual", "coercion_at_destination", 2)["id"] = "dr-s1";

        var error = SingleError(json);

        Assert.Equal(("lists.adult_sexual.dimensions.coercion_at_destination[2].id", "Screening.Error.DuplicateId"), (error.Path, error.MessageKey));
        Assert.Equal(["dr-s1", "lists.adult_sexual.dimensions.deceptive_recruitment[0]"], error.Arguments);
    }

    [Fact]
    public void Parse_SameIdInTwoLists_Accepted()
    {
        // Each list is answered on its own, so ids only need to be unique within a list (the test instrument reuses them).
        Assert.True(InstrumentDocument.Parse(Verified().ToJsonString()).Succeeded);
    }

    [Theory]
    [InlineData("""[{"strong":-1}]""", "decision_rule.dimension_positive[0].strong", "Screening.Error.ThresholdRange")]
    [InlineData("""[{"strong":1.5}]""", "decision_rule.dimension_positive[0].strong", "Screening.Error.ThresholdRange")]
    [InlineData("""[{"strong":"2"}]""", "decision_rule.dimension_positive[0].strong", "Screening.Error.ThresholdRange")]
    [InlineData("""[{"strong":2},{"medium":101}]""", "decision_rule.dimension_positive[1].medium", "Screening.Error.ThresholdRange")]
    [InlineData("""[{"strong":0,"weak":0}]""", "decision_rule.dimension_positive[0]", "Screening.Error.ThresholdEmpty")]
    [InlineData("""[{"strongest":2}]""", "decision_rule.dimension_positive[0].strongest", "Screening.Error.UnknownField")]
    [InlineData("""[]""", "decision_rule.dimension_positive", "Screening.Error.Empty")]
    [InlineData("""{"strong":2}""", "decision_rule.dimension_positive", "Screening.Error.NotArray")]
    public void Parse_BadThresholds_NamesClauseAndProblem(string thresholds, string path, string messageKey)
    {
        var json = Verified();
        json["decision_rule"]!["dimension_positive"] = JsonNode.Parse(thresholds);

        var parsed = InstrumentDocument.Parse(json.ToJsonString());

        Assert.False(parsed.Succeeded);
        Assert.Contains(parsed.Errors, e => e.Path == path && e.MessageKey == messageKey);
    }

    [Theory]
    [InlineData("""{"all_of":[]}""", "decision_rule.adult.all_of", "Screening.Error.Empty")]
    [InlineData("""{"all_of":[[]]}""", "decision_rule.adult.all_of[0]", "Screening.Error.Empty")]
    [InlineData("""{"all_of":[["exploitation"]]}""", "decision_rule.adult.all_of[0][0]", "Screening.Error.UnknownDimension")]
    [InlineData("""{"any_of":[["exploitative_conditions_of_work"]]}""", "decision_rule.adult.any_of", "Screening.Error.UnknownField")]
    public void Parse_BadCombination_NamesGroupAndProblem(string combination, string path, string messageKey)
    {
        var json = Verified();
        json["decision_rule"]!["adult"] = JsonNode.Parse(combination);

        var parsed = InstrumentDocument.Parse(json.ToJsonString());

        Assert.Contains(parsed.Errors, e => e.Path == path && e.MessageKey == messageKey);
    }

    [Theory]
    [InlineData("verified")]
    [InlineData("unverified")]
    public void Parse_EmptyDimensionInListNotMarkedIncomplete_Refused(string status)
    {
        var json = Verified();
        json["lists"]!["adult_sexual"]!["status"] = status;
        json["lists"]!["adult_sexual"]!["dimensions"]!["exploitative_conditions_of_work"] = new JsonArray();

        var error = SingleError(json);

        Assert.Equal(("lists.adult_sexual.dimensions.exploitative_conditions_of_work", "Screening.Error.EmptyDimension"), (error.Path, error.MessageKey));
    }

    [Fact]
    public void Parse_EmptyDimensionsInIncompleteList_Accepted()
    {
        var json = Verified();
        json["lists"]!["adult_sexual"]!["status"] = "incomplete";
        json["lists"]!["adult_sexual"]!["dimensions"]!["exploitative_conditions_of_work"] = new JsonArray();

        Assert.Empty(Parse(json).Lists[ScreeningList.AdultSexual].Dimensions["exploitative_conditions_of_work"]);
    }

    [Theory]
    [InlineData("status", "draft", "status", "Screening.Error.Status")]
    [InlineData("format", "ura-screening-instrument/2", "format", "Screening.Error.Format")]
    [InlineData("key", "ILO 2009", "key", "Screening.Error.Identifier")]
    [InlineData("version", "1 0", "version", "Screening.Error.Version")]
    [InlineData("version", "", "version", "Screening.Error.Missing")]
    [InlineData("provenance", "  ", "provenance", "Screening.Error.Missing")]
    [InlineData("extra", "x", "extra", "Screening.Error.UnknownField")]
    public void Parse_BadTopLevelField_NamesFieldAndProblem(string field, string value, string path, string messageKey)
    {
        var json = Verified();
        json[field] = value;

        var error = SingleError(json);

        Assert.Equal((path, messageKey), (error.Path, error.MessageKey));
    }

    [Theory]
    [InlineData("title")]
    [InlineData("decision_rule")]
    [InlineData("lists")]
    [InlineData("key")]
    public void Parse_MissingTopLevelField_Missing(string field)
    {
        var json = Verified();
        json.Remove(field);

        var error = SingleError(json);

        Assert.Equal((field, "Screening.Error.Missing"), (error.Path, error.MessageKey));
    }

    [Fact]
    public void Parse_IndicatorWithoutEnglishTextAndMisspeltStrength_ReportsBoth()
    {
        var json = Verified();
        var indicator = Indicator(json, "child_labour", "deceptive_recruitment", 0);
        indicator["text"] = new JsonObject { ["sq"] = "vetëm shqip" };
        indicator.Remove("strength");
        indicator["strenght"] = "strong";

        var parsed = InstrumentDocument.Parse(json.ToJsonString());

        const string at = "lists.child_labour.dimensions.deceptive_recruitment[0]";
        Assert.Equal(
            [(at + ".strenght", "Screening.Error.UnknownField"), (at + ".text.en", "Screening.Error.Missing"), (at + ".strength", "Screening.Error.Missing")],
            parsed.Errors.Select(e => (e.Path, e.MessageKey)));
    }
}
