using System.Globalization;
using Ura.Features.Admin;
using Ura.Features.Cases;

namespace Ura.Features.Awareness.Campaigns;

/// <summary>People counted in one group as sent: <see cref="Sex"/> and <see cref="AgeBand"/> are enum names.</summary>
public sealed class PeopleCountInput
{
    public string? Sex { get; set; }
    public string? AgeBand { get; set; }
    public int? People { get; set; }
}

/// <summary>How many people of one sex and age band.</summary>
public sealed record PeopleCount(Sex Sex, AgeBand AgeBand, int People);

/// <summary>People counted by sex and age band, with the totals per sex, per age band and overall.</summary>
public sealed record PeopleTotals(IReadOnlyList<PeopleCount> Groups, IReadOnlyDictionary<Sex, int> BySex, IReadOnlyDictionary<AgeBand, int> ByAgeBand, int Total)
{
    public int Of(Sex sex, AgeBand band) => Groups.Where(g => g.Sex == sex && g.AgeBand == band).Sum(g => g.People);

    /// <summary>Adds up counts of several activities or distributions; every sex and age band is present, zero when nobody.</summary>
    public static PeopleTotals Sum(IEnumerable<PeopleCount> counts)
    {
        var list = counts.ToList();
        var groups = (from sex in Enum.GetValues<Sex>()
                      from band in Enum.GetValues<AgeBand>()
                      select new PeopleCount(sex, band, list.Where(c => c.Sex == sex && c.AgeBand == band).Sum(c => c.People))).ToList();
        return new(groups,
            Enum.GetValues<Sex>().ToDictionary(s => s, s => groups.Where(g => g.Sex == s).Sum(g => g.People)),
            Enum.GetValues<AgeBand>().ToDictionary(b => b, b => groups.Where(g => g.AgeBand == b).Sum(g => g.People)),
            groups.Sum(g => g.People));
    }
}

/// <summary>Checks people counted by sex and age band: known groups, each at most once, no negative or absurd number.</summary>
public static class PeopleCounts
{
    /// <summary>More people than this in one group of one activity is a typing error.</summary>
    public const int MaxPerGroup = 1_000_000;

    public static List<RuleError> Read(IEnumerable<PeopleCountInput>? input, string field, out List<PeopleCount> counts)
    {
        var errors = new List<RuleError>();
        counts = [];
        foreach (var line in input ?? [])
        {
            if (!Enum.TryParse<Sex>(line.Sex, out var sex) || !Enum.IsDefined(sex) || !Enum.TryParse<AgeBand>(line.AgeBand, out var band) || !Enum.IsDefined(band)
                || int.TryParse(line.Sex, out _) || int.TryParse(line.AgeBand, out _))
                errors.Add(new(field, "People.UnknownGroup"));
            else if (line.People is not { } people)
                errors.Add(new(field, "People.CountMissing"));
            else if (people < 0)
                errors.Add(new(field, "People.Negative"));
            else if (people > MaxPerGroup)
                errors.Add(new(field, "People.TooMany"));
            else if (counts.Any(c => c.Sex == sex && c.AgeBand == band))
                errors.Add(new(field, "People.Duplicate"));
            else if (people > 0)
                counts.Add(new(sex, band, people));
        }
        return [.. errors.Distinct()];
    }
}

/// <summary>
/// The people-counted grid of a page form (one number box per sex and age band), posted as
/// <c>Input.People[Female_Under12]</c>. Read as text, so a word typed into a box is told apart from a number.
/// </summary>
public sealed class PeopleGridForm
{
    public Dictionary<string, string?> People { get; set; } = [];

    public static string Key(Sex sex, AgeBand band) => $"{sex}_{band}";

    public string? ValueOf(Sex sex, AgeBand band) => People.GetValueOrDefault(Key(sex, band));

    /// <summary>The counts as the API takes them; false when a box holds something that is not a whole number.</summary>
    public bool TryRead(out List<PeopleCountInput> counts)
    {
        counts = [];
        var readable = true;
        foreach (var sex in Enum.GetValues<Sex>())
            foreach (var band in Enum.GetValues<AgeBand>())
            {
                var text = ValueOf(sex, band)?.Trim();
                if (string.IsNullOrEmpty(text))
                    continue;
                if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var people))
                    counts.Add(new PeopleCountInput { Sex = sex.ToString(), AgeBand = band.ToString(), People = people });
                else
                    readable = false;
            }
        return readable;
    }

    public static PeopleGridForm Of(IEnumerable<PeopleCount> counts) =>
        new() { People = counts.ToDictionary(c => Key(c.Sex, c.AgeBand), c => (string?)c.People.ToString(CultureInfo.InvariantCulture)) };
}
