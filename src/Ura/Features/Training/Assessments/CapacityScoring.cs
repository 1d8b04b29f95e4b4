namespace Ura.Features.Training.Assessments;

/// <summary>The average of one dimension in one assessment.</summary>
public sealed record DimensionScore(string Dimension, decimal Average);

/// <summary>How a dimension moved across a programme: the mean of (latest − first) over the providers assessed at least twice.</summary>
public sealed record DimensionChange(string Dimension, decimal? AverageChange);

/// <summary>
/// The arithmetic of capacity assessments. A dimension's score is the mean of its criteria; the
/// overall score is the mean of the dimensions (so a dimension with more criteria weighs no more);
/// a provider improved when its latest overall score is above its first.
/// </summary>
public static class CapacityScoring
{
    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Dimension averages in framework order; dimensions without any score are left out.</summary>
    public static IReadOnlyList<DimensionScore> Dimensions(CapacityFramework framework, IEnumerable<(string Criterion, int Score)> scores)
    {
        var byCriterion = scores.ToList();
        var result = new List<DimensionScore>();
        foreach (var dimension in framework.Dimensions)
        {
            var values = byCriterion.Where(s => dimension.Criteria.Any(c => c.Key == s.Criterion)).Select(s => (decimal)s.Score).ToList();
            if (values.Count > 0)
                result.Add(new(dimension.Key, Round(values.Average())));
        }
        return result;
    }

    public static decimal? Overall(IReadOnlyList<DimensionScore> dimensions) =>
        dimensions.Count == 0 ? null : Round(dimensions.Average(d => d.Average));

    /// <summary>Whether the latest overall score (by date) is above the first; false with fewer than two assessments.</summary>
    public static bool Improved(IReadOnlyList<(DateOnly On, decimal Overall)> history)
    {
        if (history.Count < 2)
            return false;
        var ordered = history.OrderBy(h => h.On).ToList();
        return ordered[^1].Overall > ordered[0].Overall;
    }

    /// <summary>Per dimension, the mean change from each provider's first to its latest assessment (providers with two or more only).</summary>
    public static IReadOnlyList<DimensionChange> Changes(CapacityFramework framework, IEnumerable<IReadOnlyList<(DateOnly On, IReadOnlyList<DimensionScore> Dimensions)>> providers)
    {
        var repeated = providers.Where(p => p.Count >= 2).Select(p => p.OrderBy(a => a.On).ToList()).ToList();
        return [.. framework.Dimensions.Select(d =>
        {
            var changes = repeated
                .Select(p => (First: p[0].Dimensions.FirstOrDefault(x => x.Dimension == d.Key), Latest: p[^1].Dimensions.FirstOrDefault(x => x.Dimension == d.Key)))
                .Where(x => x.First is not null && x.Latest is not null)
                .Select(x => x.Latest!.Average - x.First!.Average)
                .ToList();
            return new DimensionChange(d.Key, changes.Count == 0 ? null : Round(changes.Average()));
        })];
    }
}
