using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ura.Platform.Localization;

namespace Ura.Features.Training.Assessments;

/// <summary>A text of the framework in each of Ura's languages.</summary>
public sealed class FrameworkText : Dictionary<string, string>
{
    /// <summary>The text in the current UI language (or its parent), English when missing.</summary>
    public string Current => In(CultureInfo.CurrentUICulture);

    public string In(CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
            if (TryGetValue(c.Name, out var text))
                return text;
        return this["en"];
    }
}

public sealed record ScaleLevel(int Score, FrameworkText Label, FrameworkText Description);

public sealed record Criterion(string Key, FrameworkText Text);

public sealed record Dimension(string Key, FrameworkText Name, IReadOnlyList<Criterion> Criteria);

/// <summary>
/// The capacity assessment framework: dimensions of a service provider's capacity, each with a few
/// criteria scored on one defined scale. It is data (<c>capacity-framework.json</c>, shipped inside
/// Ura.dll) so programme staff can read and change it without touching code; assessments store the
/// criterion keys they scored.
/// </summary>
public sealed record CapacityFramework(
    string Format, string Key, FrameworkText Title, int EvidenceRequiredFrom,
    IReadOnlyList<ScaleLevel> Scale, IReadOnlyList<Dimension> Dimensions)
{
    private const string Resource = "Ura.Features.Training.Assessments.capacity-framework.json";

    private static readonly Lazy<CapacityFramework> Shipped = new(() =>
    {
        using var stream = typeof(CapacityFramework).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded resource {Resource} is missing.");
        var framework = JsonSerializer.Deserialize<CapacityFramework>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidOperationException("The capacity framework is empty.");
        var problems = framework.Problems();
        return problems.Count == 0 ? framework
            : throw new InvalidOperationException("The capacity framework does not validate: " + string.Join("; ", problems));
    });

    /// <summary>The framework Ura ships; validated the first time it is used.</summary>
    public static CapacityFramework Current => Shipped.Value;

    public int Lowest => Scale.Min(l => l.Score);
    public int Highest => Scale.Max(l => l.Score);

    [JsonIgnore]
    public IEnumerable<(Dimension Dimension, Criterion Criterion)> Criteria =>
        Dimensions.SelectMany(d => d.Criteria.Select(c => (d, c)));

    public Dimension? DimensionOf(string criterionKey) =>
        Dimensions.FirstOrDefault(d => d.Criteria.Any(c => c.Key == criterionKey));

    public bool RequiresEvidence(int score) => score >= EvidenceRequiredFrom;

    /// <summary>What is wrong with the framework's shape: every text in every language, 2 to 4 criteria, unique keys, scale 1..n.</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        void Texts(string where, FrameworkText? text)
        {
            foreach (var (code, _) in Languages.All)
                if (text is null || !text.TryGetValue(code, out var value) || string.IsNullOrWhiteSpace(value))
                    problems.Add($"{where}: no {code} text");
        }
        Texts("title", Title);
        if (Scale is null || Scale.Count < 2 || !Scale.Select(l => l.Score).SequenceEqual(Enumerable.Range(1, Scale.Count)))
            problems.Add("scale: levels must be numbered 1, 2, 3 ... in order");
        foreach (var level in Scale ?? [])
        {
            Texts($"scale {level.Score} label", level.Label);
            Texts($"scale {level.Score} description", level.Description);
        }
        var keys = new HashSet<string>();
        foreach (var dimension in Dimensions ?? [])
        {
            Texts($"dimension {dimension.Key}", dimension.Name);
            if (!keys.Add(dimension.Key))
                problems.Add($"dimension {dimension.Key}: key used twice");
            if (dimension.Criteria is null || dimension.Criteria.Count is < 2 or > 4)
                problems.Add($"dimension {dimension.Key}: needs 2 to 4 criteria");
            foreach (var criterion in dimension.Criteria ?? [])
            {
                Texts($"criterion {criterion.Key}", criterion.Text);
                if (!keys.Add(criterion.Key))
                    problems.Add($"criterion {criterion.Key}: key used twice");
            }
        }
        if (Dimensions is null || Dimensions.Count == 0)
            problems.Add("dimensions: none");
        return problems;
    }
}
