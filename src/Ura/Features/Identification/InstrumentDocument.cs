using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ura.Features.Identification;

/// <summary>How far an instrument, a list or a rule can be trusted. Only <see cref="Verified"/> gives suggestions.</summary>
public enum InstrumentStatus
{
    Verified,
    Unverified,
    Incomplete,
}

public enum Strength
{
    Strong,
    Medium,
    Weak,
}

/// <summary>The four lists of the ILO/EC operational indicators: age group crossed with form of exploitation.</summary>
public enum ScreeningList
{
    AdultLabour,
    AdultSexual,
    ChildLabour,
    ChildSexual,
}

/// <summary>Text in English with optional translations keyed by culture name (sq, mk, sr-Latn).</summary>
public sealed record LocalisedText(string English, IReadOnlyDictionary<string, string> Translations)
{
    /// <summary>The translation for the culture or its parent language, English when there is none.</summary>
    public string In(CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
            if (Translations.TryGetValue(c.Name, out var text))
                return text;
        return English;
    }
}

public sealed record Indicator(string Id, LocalisedText Text, Strength Strength, string? Note);

public sealed record IndicatorList(ScreeningList Kind, InstrumentStatus Status, string Provenance,
    IReadOnlyDictionary<string, IReadOnlyList<Indicator>> Dimensions)
{
    public IEnumerable<(string Dimension, Indicator Indicator)> All =>
        Dimensions.SelectMany(d => d.Value.Select(i => (d.Key, i)));
}

/// <summary>
/// One alternative of the "dimension is positive" rule: at least this many answered-yes indicators of
/// each strength. <see cref="MediumOrWeak"/> counts medium and weak together.
/// </summary>
public sealed record Threshold(int Strong, int Medium, int Weak, int MediumOrWeak);

/// <summary>A combination rule: every group must contain at least one positive dimension.</summary>
public sealed record Combination(IReadOnlyList<IReadOnlyList<string>> AllOf);

public sealed record DecisionRule(InstrumentStatus Status, string Provenance, IReadOnlyList<Threshold> DimensionPositive,
    Combination Adult, Combination Child);

/// <summary>A screening instrument as imported: versioned data, never code.</summary>
public sealed record InstrumentDocument(string Key, string Version, InstrumentStatus Status, LocalisedText Title,
    string Provenance, DecisionRule Rule, IReadOnlyDictionary<ScreeningList, IndicatorList> Lists)
{
    public const string Format = "ura-screening-instrument/1";
    public const int MaxLength = 1_000_000;

    public static readonly IReadOnlyList<string> DimensionNames =
    [
        "deceptive_recruitment",
        "coercive_recruitment",
        "recruitment_by_abuse_of_vulnerability",
        "exploitative_conditions_of_work",
        "coercion_at_destination",
        "abuse_of_vulnerability_at_destination",
    ];

    public static readonly IReadOnlyDictionary<string, ScreeningList> ListNames = new Dictionary<string, ScreeningList>
    {
        ["adult_labour"] = ScreeningList.AdultLabour,
        ["adult_sexual"] = ScreeningList.AdultSexual,
        ["child_labour"] = ScreeningList.ChildLabour,
        ["child_sexual"] = ScreeningList.ChildSexual,
    };

    public static string NameOf(ScreeningList list) => ListNames.Single(l => l.Value == list).Key;

    public static string NameOf(InstrumentStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Reads and validates an instrument; on failure lists every problem with the place it was found.</summary>
    public static InstrumentParse Parse(string json) => new InstrumentReader().Read(json);
}

/// <summary>
/// One problem in an imported instrument: where (a JSON path such as <c>lists.adult_labour.dimensions</c>),
/// the resource key of the message and its arguments. The path is always the message's first argument.
/// </summary>
public sealed record InstrumentError(string Path, string MessageKey, params string[] Arguments)
{
    public object[] FormatArguments => [Path, .. Arguments];
}

public sealed record InstrumentParse(InstrumentDocument? Document, IReadOnlyList<InstrumentError> Errors)
{
    public bool Succeeded => Document is not null && Errors.Count == 0;
}

/// <summary>Walks the JSON by hand so each error names the field and what is wrong with it.</summary>
internal sealed partial class InstrumentReader
{
    private const int MaxThreshold = 100;
    private readonly List<InstrumentError> errors = [];

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,63}$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")]
    private static partial Regex VersionPattern();

    private static readonly string[] TextLanguages = ["en", "sq", "mk", "sr-Latn"];

    public InstrumentParse Read(string json)
    {
        if (json.Length > InstrumentDocument.MaxLength)
            return Fail(new InstrumentError("", "Screening.Error.TooLarge"));
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return Fail(new InstrumentError("", "Screening.Error.NotJson",
                ((e.LineNumber ?? 0) + 1).ToString(CultureInfo.InvariantCulture),
                ((e.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)));
        }
        using (parsed)
        {
            var root = parsed.RootElement;
            if (!IsObject(root, "(document)"))
                return Fail();
            Known(root, "", "format", "key", "version", "status", "title", "provenance", "decision_rule", "lists");
            var format = String(root, "", "format");
            if (format is not null && format != InstrumentDocument.Format)
                Add("format", "Screening.Error.Format", format, InstrumentDocument.Format);
            var key = Identifier(root, "", "key");
            var version = String(root, "", "version");
            if (version is not null && !VersionPattern().IsMatch(version))
                Add("version", "Screening.Error.Version", version);
            var status = Status(root, "", "status");
            var title = Text(root, "", "title");
            var provenance = String(root, "", "provenance");
            var rule = Rule(root);
            var lists = Lists(root);
            if (errors.Count > 0 || key is null || version is null || status is null || title is null || provenance is null || rule is null || lists is null)
                return Fail();
            return new(new InstrumentDocument(key, version, status.Value, title, provenance, rule, lists), []);
        }
    }

    private InstrumentParse Fail(params InstrumentError[] more)
    {
        errors.AddRange(more);
        return new(null, errors);
    }

    private void Add(string path, string key, params string[] arguments) => errors.Add(new InstrumentError(path, key, arguments));

    private static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    private bool IsObject(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
            return true;
        Add(path, "Screening.Error.NotObject");
        return false;
    }

    /// <summary>Unknown fields are refused: a misspelt "strenght" must not silently vanish.</summary>
    private void Known(JsonElement element, string path, params string[] names)
    {
        foreach (var property in element.EnumerateObject())
            if (!names.Contains(property.Name, StringComparer.Ordinal))
                Add(Join(path, property.Name), "Screening.Error.UnknownField", property.Name);
    }

    private JsonElement? Property(JsonElement parent, string path, string name, JsonValueKind kind, string wrongTypeKey)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            Add(Join(path, name), "Screening.Error.Missing");
            return null;
        }
        if (value.ValueKind != kind)
        {
            Add(Join(path, name), wrongTypeKey);
            return null;
        }
        return value;
    }

    private string? String(JsonElement parent, string path, string name)
    {
        var value = Property(parent, path, name, JsonValueKind.String, "Screening.Error.NotString")?.GetString()?.Trim();
        if (value is not null && value.Length == 0)
        {
            Add(Join(path, name), "Screening.Error.Missing");
            return null;
        }
        return value;
    }

    private string? Identifier(JsonElement parent, string path, string name)
    {
        var value = String(parent, path, name);
        if (value is not null && !IdentifierPattern().IsMatch(value))
        {
            Add(Join(path, name), "Screening.Error.Identifier", value);
            return null;
        }
        return value;
    }

    private InstrumentStatus? Status(JsonElement parent, string path, string name)
    {
        var value = String(parent, path, name);
        if (value is null)
            return null;
        foreach (var status in Enum.GetValues<InstrumentStatus>())
            if (InstrumentDocument.NameOf(status) == value)
                return status;
        Add(Join(path, name), "Screening.Error.Status", value);
        return null;
    }

    private LocalisedText? Text(JsonElement parent, string path, string name)
    {
        if (Property(parent, path, name, JsonValueKind.Object, "Screening.Error.NotObject") is not { } text)
            return null;
        var here = Join(path, name);
        Known(text, here, TextLanguages);
        var english = String(text, here, "en");
        var translations = new Dictionary<string, string>();
        foreach (var language in TextLanguages.Skip(1))
            if (text.TryGetProperty(language, out var value))
            {
                if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
                    Add(Join(here, language), "Screening.Error.NotString");
                else
                    translations[language] = value.GetString()!.Trim();
            }
        return english is null ? null : new LocalisedText(english, translations);
    }

    private DecisionRule? Rule(JsonElement root)
    {
        if (Property(root, "", "decision_rule", JsonValueKind.Object, "Screening.Error.NotObject") is not { } rule)
            return null;
        const string path = "decision_rule";
        Known(rule, path, "status", "provenance", "dimension_positive", "adult", "child");
        var status = Status(rule, path, "status");
        var provenance = String(rule, path, "provenance");
        var thresholds = new List<Threshold>();
        if (Property(rule, path, "dimension_positive", JsonValueKind.Array, "Screening.Error.NotArray") is { } clauses)
        {
            var here = Join(path, "dimension_positive");
            if (clauses.GetArrayLength() == 0)
                Add(here, "Screening.Error.Empty");
            var i = 0;
            foreach (var clause in clauses.EnumerateArray())
            {
                var at = $"{here}[{i++}]";
                if (!IsObject(clause, at))
                    continue;
                Known(clause, at, "strong", "medium", "weak", "medium_or_weak");
                var threshold = new Threshold(Count(clause, at, "strong"), Count(clause, at, "medium"), Count(clause, at, "weak"), Count(clause, at, "medium_or_weak"));
                if (threshold is { Strong: 0, Medium: 0, Weak: 0, MediumOrWeak: 0 })
                    Add(at, "Screening.Error.ThresholdEmpty");
                thresholds.Add(threshold);
            }
        }
        var adult = CombinationOf(rule, path, "adult");
        var child = CombinationOf(rule, path, "child");
        return status is null || provenance is null || adult is null || child is null
            ? null
            : new DecisionRule(status.Value, provenance, thresholds, adult, child);
    }

    private int Count(JsonElement clause, string path, string name)
    {
        if (!clause.TryGetProperty(name, out var value))
            return 0;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n is >= 0 and <= MaxThreshold)
            return n;
        Add(Join(path, name), "Screening.Error.ThresholdRange", MaxThreshold.ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    private Combination? CombinationOf(JsonElement rule, string path, string name)
    {
        if (Property(rule, path, name, JsonValueKind.Object, "Screening.Error.NotObject") is not { } combination)
            return null;
        var here = Join(path, name);
        Known(combination, here, "all_of");
        if (Property(combination, here, "all_of", JsonValueKind.Array, "Screening.Error.NotArray") is not { } groups)
            return null;
        here = Join(here, "all_of");
        if (groups.GetArrayLength() == 0)
            Add(here, "Screening.Error.Empty");
        var result = new List<IReadOnlyList<string>>();
        var i = 0;
        foreach (var group in groups.EnumerateArray())
        {
            var at = $"{here}[{i++}]";
            if (group.ValueKind != JsonValueKind.Array)
            {
                Add(at, "Screening.Error.NotArray");
                continue;
            }
            if (group.GetArrayLength() == 0)
                Add(at, "Screening.Error.Empty");
            var dimensions = new List<string>();
            var j = 0;
            foreach (var dimension in group.EnumerateArray())
            {
                var named = dimension.ValueKind == JsonValueKind.String ? dimension.GetString()! : dimension.GetRawText();
                if (!InstrumentDocument.DimensionNames.Contains(named))
                    Add($"{at}[{j}]", "Screening.Error.UnknownDimension", named);
                else
                    dimensions.Add(named);
                j++;
            }
            result.Add(dimensions);
        }
        return new Combination(result);
    }

    private Dictionary<ScreeningList, IndicatorList>? Lists(JsonElement root)
    {
        if (Property(root, "", "lists", JsonValueKind.Object, "Screening.Error.NotObject") is not { } lists)
            return null;
        Known(lists, "lists", [.. InstrumentDocument.ListNames.Keys]);
        var result = new Dictionary<ScreeningList, IndicatorList>();
        foreach (var (name, kind) in InstrumentDocument.ListNames)
        {
            var path = Join("lists", name);
            if (Property(lists, "lists", name, JsonValueKind.Object, "Screening.Error.NotObject") is not { } list)
                continue;
            Known(list, path, "status", "provenance", "dimensions");
            var status = Status(list, path, "status");
            var provenance = String(list, path, "provenance");
            var dimensions = Dimensions(list, path, status);
            if (status is not null && provenance is not null && dimensions is not null)
                result[kind] = new IndicatorList(kind, status.Value, provenance, dimensions);
        }
        return result;
    }

    private Dictionary<string, IReadOnlyList<Indicator>>? Dimensions(JsonElement list, string path, InstrumentStatus? status)
    {
        if (Property(list, path, "dimensions", JsonValueKind.Object, "Screening.Error.NotObject") is not { } dimensions)
            return null;
        var here = Join(path, "dimensions");
        foreach (var property in dimensions.EnumerateObject())
            if (!InstrumentDocument.DimensionNames.Contains(property.Name))
                Add(Join(here, property.Name), "Screening.Error.UnknownDimension", property.Name);
        var result = new Dictionary<string, IReadOnlyList<Indicator>>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dimension in InstrumentDocument.DimensionNames)
        {
            if (Property(dimensions, here, dimension, JsonValueKind.Array, "Screening.Error.NotArray") is not { } items)
                continue;
            var at = Join(here, dimension);
            if (items.GetArrayLength() == 0 && status is InstrumentStatus.Verified or InstrumentStatus.Unverified)
                Add(at, "Screening.Error.EmptyDimension");
            var indicators = new List<Indicator>();
            var i = 0;
            foreach (var item in items.EnumerateArray())
            {
                var itemPath = $"{at}[{i++}]";
                if (!IsObject(item, itemPath))
                    continue;
                Known(item, itemPath, "id", "text", "strength", "note");
                var id = Identifier(item, itemPath, "id");
                if (id is not null && !seen.TryAdd(id, itemPath))
                {
                    Add(Join(itemPath, "id"), "Screening.Error.DuplicateId", id, seen[id]);
                    id = null;
                }
                var text = Text(item, itemPath, "text");
                var strength = StrengthOf(item, itemPath);
                string? note = null;
                if (item.TryGetProperty("note", out var noteValue))
                {
                    if (noteValue.ValueKind == JsonValueKind.String)
                        note = noteValue.GetString();
                    else
                        Add(Join(itemPath, "note"), "Screening.Error.NotString");
                }
                if (id is not null && text is not null && strength is not null)
                    indicators.Add(new Indicator(id, text, strength.Value, note));
            }
            result[dimension] = indicators;
        }
        return result;
    }

    private Strength? StrengthOf(JsonElement item, string path)
    {
        var value = String(item, path, "strength");
        if (value is null)
            return null;
        foreach (var strength in Enum.GetValues<Strength>())
            if (strength.ToString().ToLowerInvariant() == value)
                return strength;
        Add(Join(path, "strength"), "Screening.Error.Strength", value);
        return null;
    }
}
