using Ura.Features.Training.Assessments;
using Ura.Platform.Localization;

namespace Ura.Tests.CapacityAssessments;

/// <summary>The framework's shape and the arithmetic of dimension averages, overall scores, improvement and change.</summary>
public sealed class CapacityScoringTests
{
    private static readonly CapacityFramework Framework = CapacityFramework.Current;

    [Fact]
    public void Framework_Shipped_HasTheSevenDimensionsEachWithTwoToFourCriteriaAndEveryTextInFourLanguages()
    {
        Assert.Empty(Framework.Problems());
        Assert.Equal(["governance", "staff", "standards", "casework", "dataprotection", "cooperation", "finance"], Framework.Dimensions.Select(d => d.Key));
        Assert.All(Framework.Dimensions, d => Assert.InRange(d.Criteria.Count, 2, 4));
        Assert.Equal([1, 2, 3, 4], Framework.Scale.Select(l => l.Score));
        foreach (var (code, _) in Languages.All)
        {
            Assert.All(Framework.Scale, l => Assert.False(string.IsNullOrWhiteSpace(l.Description[code])));
            Assert.All(Framework.Criteria, c => Assert.False(string.IsNullOrWhiteSpace(c.Criterion.Text[code])));
        }
        Assert.Equal("Qeverisja", Framework.Dimensions[0].Name.In(new System.Globalization.CultureInfo("sq")));
    }

    [Fact]
    public void Problems_TextMissingInALanguageOrTooFewCriteria_Reported()
    {
        var name = new FrameworkText { ["en"] = "Governance", ["sq"] = "Qeverisja", ["mk"] = "Управување" };
        var text = new FrameworkText { ["en"] = "x", ["sq"] = "x", ["mk"] = "x", ["sr-Latn"] = "x" };
        var broken = Framework with { Dimensions = [new Dimension("governance", name, [new Criterion("only-one", text)])] };

        var problems = broken.Problems();

        Assert.Contains("dimension governance: no sr-Latn text", problems);
        Assert.Contains("dimension governance: needs 2 to 4 criteria", problems);
    }

    [Fact]
    public void Dimensions_ScoresOfCriteria_AveragedPerDimensionAndOverallIsMeanOfDimensions()
    {
        var governance = Framework.Dimensions[0].Criteria.Select(c => c.Key).ToList();
        var finance = Framework.Dimensions.Single(d => d.Key == "finance").Criteria.Select(c => c.Key).ToList();
        // Governance 1, 2, 2 → 1.67; finance 4, 4, 3 → 3.67; overall (1.6667 + 3.6667) / 2 = 2.67.
        var scores = new List<(string, int)> { (governance[0], 1), (governance[1], 2), (governance[2], 2), (finance[0], 4), (finance[1], 4), (finance[2], 3) };

        var dimensions = CapacityScoring.Dimensions(Framework, scores);

        Assert.Equal([new DimensionScore("governance", 1.67m), new DimensionScore("finance", 3.67m)], dimensions);
        Assert.Equal(2.67m, CapacityScoring.Overall(dimensions));
        Assert.Null(CapacityScoring.Overall([]));
    }

    [Fact]
    public void Improved_LatestAboveFirst_TrueOtherwiseFalse()
    {
        var jan = new DateOnly(2025, 1, 10);
        var jun = new DateOnly(2025, 6, 10);
        var dec = new DateOnly(2025, 12, 10);

        Assert.True(CapacityScoring.Improved([(dec, 2.5m), (jan, 2.0m), (jun, 1.5m)]));
        Assert.False(CapacityScoring.Improved([(jan, 2.0m), (dec, 2.0m)]));
        Assert.False(CapacityScoring.Improved([(jan, 3.0m), (dec, 2.0m)]));
        Assert.False(CapacityScoring.Improved([(jan, 1.0m)]));
    }

    [Fact]
    public void Changes_ProvidersAssessedTwiceOrMore_MeanOfLatestMinusFirstPerDimension()
    {
        var jan = new DateOnly(2025, 1, 10);
        var dec = new DateOnly(2025, 12, 10);
        IReadOnlyList<(DateOnly, IReadOnlyList<DimensionScore>)> a = [(dec, [new("governance", 3m)]), (jan, [new("governance", 1m)])];
        IReadOnlyList<(DateOnly, IReadOnlyList<DimensionScore>)> b = [(jan, [new("governance", 2m)]), (dec, [new("governance", 2.5m)])];
        IReadOnlyList<(DateOnly, IReadOnlyList<DimensionScore>)> once = [(jan, [new("governance", 4m)])];

        var changes = CapacityScoring.Changes(Framework, [a, b, once]);

        Assert.Equal(1.25m, changes.Single(c => c.Dimension == "governance").AverageChange);
        Assert.Null(changes.Single(c => c.Dimension == "finance").AverageChange);
        Assert.Equal(Framework.Dimensions.Count, changes.Count);
    }
}
