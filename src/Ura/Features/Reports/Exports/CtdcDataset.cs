using System.Globalization;
using System.Text;
using Ura.Features.Cases;

namespace Ura.Features.Reports.Exports;

/// <summary>What the CTDC export knows of one case before anything is generalised. Never leaves the server.</summary>
public sealed record CtdcCase(
    int Year,
    Gender Gender,
    int? Age,
    bool IsChild,
    string? Citizenship,
    string? CountryOfExploitation,
    IReadOnlySet<string> Exploitation,
    IReadOnlySet<string> SexExploitation,
    ForcedLabourIndustry? Industry,
    IReadOnlySet<string> Control,
    RelationshipToTrafficker? Relationship);

/// <summary>
/// Turns cases into the CTDC k-anonymised global dataset (<c>ctdc-variables.csv</c>, its 63 variables in
/// file order, without the leading row-index column). Every published column takes part in the
/// k-anonymity: each distinct row occurs at least k times, so every combination of any of its values
/// does too. Values are generalised (year to a three-year span, age band to a wide band, country to its
/// UN region) and suppressed (<c>-99</c>); no row is ever invented, and rows are only left out when the
/// whole export holds fewer than k cases (then it holds none).
/// </summary>
public static class CtdcDataset
{
    public const string Missing = "-99";

    public static readonly IReadOnlyList<string> Columns =
    [
        "yearOfRegistration", "Datasource", "gender", "ageBroad", "majorityStatus", "majorityStatusAtExploit", "majorityEntry", "citizenship",
        "meansOfControlDebtBondage", "meansOfControlTakesEarnings", "meansOfControlRestrictsFinancialAccess", "meansOfControlThreats",
        "meansOfControlPsychologicalAbuse", "meansOfControlPhysicalAbuse", "meansOfControlSexualAbuse", "meansOfControlFalsePromises",
        "meansOfControlPsychoactiveSubstances", "meansOfControlRestrictsMovement", "meansOfControlRestrictsMedicalCare",
        "meansOfControlExcessiveWorkingHours", "meansOfControlUsesChildren", "meansOfControlThreatOfLawEnforcement",
        "meansOfControlWithholdsNecessities", "meansOfControlWithholdsDocuments", "meansOfControlOther", "meansOfControlNotSpecified",
        "meansOfControlConcatenated",
        "isForcedLabour", "isSexualExploit", "isOtherExploit", "isSexAndLabour", "isForcedMarriage", "isForcedMilitary", "isOrganRemoval",
        "isSlaveryAndPractices", "typeOfExploitConcatenated",
        "typeOfLabourAgriculture", "typeOfLabourAquafarming", "typeOfLabourBegging", "typeOfLabourConstruction", "typeOfLabourDomesticWork",
        "typeOfLabourHospitality", "typeOfLabourIllicitActivities", "typeOfLabourManufacturing", "typeOfLabourMiningOrDrilling",
        "typeOfLabourPeddling", "typeOfLabourTransportation", "typeOfLabourOther", "typeOfLabourNotSpecified", "typeOfLabourConcatenated",
        "typeOfSexProstitution", "typeOfSexPornography", "typeOfSexRemoteInteractiveServices", "typeOfSexPrivateSexualServices",
        "typeOfSexConcatenated",
        "isAbduction", "RecruiterRelationship", "CountryOfExploitation",
        "recruiterRelationIntimatePartner", "recruiterRelationFriend", "recruiterRelationFamily", "recruiterRelationOther", "recruiterRelationUnknown",
    ];

    /// <summary>The rows (values in <see cref="Columns"/> order), sorted so that their order says nothing of the cases.</summary>
    public static List<string[]> Build(IReadOnlyList<CtdcCase> cases, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (cases.Count < k)
            return [];
        var levels = new int[Dimensions.Length];
        var keys = cases.Select(c => Key(c, levels)).ToArray();

        // Datafly: widen the dimension with the most distinct values while more than k rows sit in groups under k.
        while (true)
        {
            var small = SmallGroupRows(keys, k);
            if (small.Count <= k)
                break;
            var next = Enumerable.Range(0, Dimensions.Length).Where(d => levels[d] < Dimensions[d].Levels - 1)
                .OrderByDescending(d => small.Select(i => Dimensions[d].Values(cases[i], levels[d])).Distinct(StringArrayComparer.Instance).Count())
                .ThenBy(d => d).Cast<int?>().FirstOrDefault();
            if (next is not { } dimension)
                break;
            levels[dimension]++;
            keys = [.. cases.Select(c => Key(c, levels))];
        }

        // The rest of the rare rows lose every value (all suppressed); that group is then filled up to k with rows
        // from groups larger than k (which stay at k or more), or failing that with whole groups.
        var suppressed = Key(cases[0], [.. Dimensions.Select(d => d.Levels - 1)]);
        foreach (var i in SmallGroupRows(keys, k))
            keys[i] = suppressed;
        var groups = keys.Select((key, i) => (key, i)).GroupBy(x => x.key, StringArrayComparer.Instance).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToList(), StringArrayComparer.Instance);
        if (groups.TryGetValue(suppressed, out var pool) && pool.Count < k)
        {
            var others = groups.Where(g => !StringArrayComparer.Instance.Equals(g.Key, suppressed)).OrderByDescending(g => g.Value.Count).Select(g => g.Value).ToList();
            // First the rows a group can spare (it keeps k), then, if that is not enough, whole groups, smallest first.
            foreach (var group in others)
            {
                foreach (var i in group.Skip(k).Take(k - pool.Count).ToList())
                {
                    keys[i] = suppressed;
                    pool.Add(i);
                }
            }
            foreach (var group in others.AsEnumerable().Reverse())
            {
                if (pool.Count >= k)
                    break;
                foreach (var i in group.Where(i => keys[i] != suppressed))
                {
                    keys[i] = suppressed;
                    pool.Add(i);
                }
            }
        }
        return [.. keys.OrderBy(r => string.Join('\u0001', r), StringComparer.Ordinal)];
    }

    /// <summary>The CSV text of the rows, with the header line; RFC 4180 quoting, CRLF line ends.</summary>
    public static byte[] ToCsv(IEnumerable<string[]> rows) => Csv.Write(Columns, rows);

    private static List<int> SmallGroupRows(string[][] keys, int k) =>
        [.. keys.Select((key, i) => (key, i)).GroupBy(x => x.key, StringArrayComparer.Instance).Where(g => g.Count() < k).SelectMany(g => g.Select(x => x.i))];

    private static string[] Key(CtdcCase c, int[] levels)
    {
        var row = new string[Columns.Count];
        row[1] = "Case management";
        row[5] = Missing; // majorityStatusAtExploit and majorityEntry: Ura does not record them
        row[6] = Missing;
        row[55] = Missing; // isAbduction: Ura records how someone was recruited, not abduction
        for (var d = 0; d < Dimensions.Length; d++)
        {
            var values = Dimensions[d].Values(c, levels[d]);
            for (var j = 0; j < values.Length; j++)
                row[Dimensions[d].Columns[j]] = values[j];
        }
        return row;
    }

    private sealed record Dimension(int[] Columns, int Levels, Func<CtdcCase, int, string[]> Values);

    private static int Col(string name) => Columns.ToList().IndexOf(name) is var i and >= 0 ? i : throw new ArgumentException(name);

    private static int[] Cols(params string[] names) => [.. names.Select(Col)];

    private static string[] Repeat(int n) => [.. Enumerable.Repeat(Missing, n)];

    private static string Flag(bool value) => value ? "1" : "0";

    private static readonly string[] ControlColumns =
    [
        "meansOfControlDebtBondage", "meansOfControlTakesEarnings", "meansOfControlRestrictsFinancialAccess", "meansOfControlThreats",
        "meansOfControlPsychologicalAbuse", "meansOfControlPhysicalAbuse", "meansOfControlSexualAbuse", "meansOfControlFalsePromises",
        "meansOfControlPsychoactiveSubstances", "meansOfControlRestrictsMovement", "meansOfControlRestrictsMedicalCare",
        "meansOfControlExcessiveWorkingHours", "meansOfControlUsesChildren", "meansOfControlThreatOfLawEnforcement",
        "meansOfControlWithholdsNecessities", "meansOfControlWithholdsDocuments", "meansOfControlOther", "meansOfControlNotSpecified",
        "meansOfControlConcatenated",
    ];

    // HTCDS method of control -> CTDC flag column and its label in the concatenated column.
    private static readonly Dictionary<string, (string Column, string Label)> Control = new()
    {
        [nameof(MethodOfControl.DebtBondage)] = ("meansOfControlDebtBondage", "Debt bondage"),
        [nameof(MethodOfControl.TakesEarnings)] = ("meansOfControlTakesEarnings", "Takes/Withholds Earnings"),
        [nameof(MethodOfControl.RestrictsFinancialAccess)] = ("meansOfControlRestrictsFinancialAccess", "Restricts access to finances"),
        [nameof(MethodOfControl.PhysicalThreats)] = ("meansOfControlThreats", "Threats to individual or others"),
        [nameof(MethodOfControl.ThreatensChildrenFamily)] = ("meansOfControlThreats", "Threats to individual or others"),
        [nameof(MethodOfControl.PsychologicalAbuse)] = ("meansOfControlPsychologicalAbuse", "Psychological abuse"),
        [nameof(MethodOfControl.PhysicalAbuse)] = ("meansOfControlPhysicalAbuse", "Physical abuse"),
        [nameof(MethodOfControl.SexualAbuse)] = ("meansOfControlSexualAbuse", "Sexual abuse"),
        [nameof(MethodOfControl.FalsePromises)] = ("meansOfControlFalsePromises", "False promises/deception"),
        [nameof(MethodOfControl.PsychoactiveSubstance)] = ("meansOfControlPsychoactiveSubstances", "Use of psychoactive substances"),
        [nameof(MethodOfControl.RestrictsMedicalCare)] = ("meansOfControlRestrictsMedicalCare", "Limits/restricts medical services"),
        [nameof(MethodOfControl.ExcessiveWorkingHours)] = ("meansOfControlExcessiveWorkingHours", "Excessive working hours"),
        [nameof(MethodOfControl.ThreatsLawEnforcement)] = ("meansOfControlThreatOfLawEnforcement", "Threat of action by law enforcement"),
        [nameof(MethodOfControl.WithholdsNecessities)] = ("meansOfControlWithholdsNecessities", "Withholds/denies basic necessities"),
        [nameof(MethodOfControl.WithholdsDocuments)] = ("meansOfControlWithholdsDocuments", "Withholds/Destroys Important Documents"),
        [nameof(MethodOfControl.Other)] = ("meansOfControlOther", "Other"),
    };

    private static string[] ControlValues(CtdcCase c)
    {
        var columns = ControlColumns[..^1];
        var values = new string[ControlColumns.Length];
        var ticked = c.Control.Where(Control.ContainsKey).Select(m => Control[m]).ToList();
        for (var i = 0; i < columns.Length; i++)
            values[i] = Flag(ticked.Any(t => t.Column == columns[i]));
        values[Array.IndexOf(columns, "meansOfControlNotSpecified")] = Flag(ticked.Count == 0);
        values[^1] = ticked.Count == 0 ? "Not Specified" : string.Join(';', ticked.Select(t => t.Label).Distinct());
        return values;
    }

    private static readonly string[] ExploitColumns =
        ["isForcedLabour", "isSexualExploit", "isOtherExploit", "isSexAndLabour", "isForcedMarriage", "isForcedMilitary", "isOrganRemoval", "isSlaveryAndPractices", "typeOfExploitConcatenated"];

    private static string[] ExploitValues(CtdcCase c)
    {
        // Forced begging and child labour are forced labour in CTDC's terms; servitude is a practice similar to slavery.
        var labour = c.Exploitation.Overlaps([nameof(TypeOfExploitation.ForcedLabour), nameof(TypeOfExploitation.ForcedBegging), nameof(TypeOfExploitation.ChildLabour)]);
        var sexual = c.Exploitation.Contains(nameof(TypeOfExploitation.SexualExploitation));
        var marriage = c.Exploitation.Contains(nameof(TypeOfExploitation.ForcedMarriage));
        var military = c.Exploitation.Contains(nameof(TypeOfExploitation.ForcedMilitaryByNonStateActors));
        var organ = c.Exploitation.Contains(nameof(TypeOfExploitation.OrganRemoval));
        var slavery = c.Exploitation.Contains(nameof(TypeOfExploitation.Servitude));
        var other = marriage || military || organ || slavery
            || c.Exploitation.Overlaps([nameof(TypeOfExploitation.ForcedAdoption), nameof(TypeOfExploitation.Surrogacy), nameof(TypeOfExploitation.Other)]);
        var joined = new List<string>();
        if (labour) joined.Add("Forced labour and/or services");
        if (sexual) joined.Add("Sexual exploitation");
        if (other) joined.Add("Other");
        return [Flag(labour), Flag(sexual), Flag(other), Flag(labour && sexual), Flag(marriage), Flag(military), Flag(organ), Flag(slavery),
            joined.Count == 0 ? Missing : string.Join(';', joined)];
    }

    private static readonly string[] LabourColumns =
    [
        "typeOfLabourAgriculture", "typeOfLabourAquafarming", "typeOfLabourBegging", "typeOfLabourConstruction", "typeOfLabourDomesticWork",
        "typeOfLabourHospitality", "typeOfLabourIllicitActivities", "typeOfLabourManufacturing", "typeOfLabourMiningOrDrilling",
        "typeOfLabourPeddling", "typeOfLabourTransportation", "typeOfLabourOther", "typeOfLabourNotSpecified", "typeOfLabourConcatenated",
    ];

    private static readonly string[] LabourLabels =
    [
        "Agriculture/Farms/Animal Husbandry", "Aquafarming/Fishing", "Begging", "Construction", "Domestic Work",
        "Hospitality/Restaurant/Food Service/Hotel", "Illicit Activities", "Manufacturing/Factory work", "Mining, Quarrying, Oil/Gas Extraction",
        "Peddling/informal street commerce", "Transportation", "Other", "Not Specified",
    ];

    private static string[] LabourValues(CtdcCase c)
    {
        var labour = c.Exploitation.Overlaps([nameof(TypeOfExploitation.ForcedLabour), nameof(TypeOfExploitation.ForcedBegging), nameof(TypeOfExploitation.ChildLabour)]);
        if (!labour)
            return Repeat(LabourColumns.Length);
        var ticked = new HashSet<int>();
        if (c.Exploitation.Contains(nameof(TypeOfExploitation.ForcedBegging)))
            ticked.Add(2);
        // ISIC section A holds farming and fishing; CTDC splits them, and Ura records the section only, so A is agriculture.
        int? industry = c.Industry switch
        {
            null => null,
            ForcedLabourIndustry.A_AgricultureForestryAndFishing => 0,
            ForcedLabourIndustry.F_Construction => 3,
            ForcedLabourIndustry.T_ActivitiesOfHouseholdsAsEmployers => 4,
            ForcedLabourIndustry.I_AccommodationAndFoodServiceActivities => 5,
            ForcedLabourIndustry.C_Manufacturing => 7,
            ForcedLabourIndustry.B_MiningAndQuarrying => 8,
            ForcedLabourIndustry.G_WholesaleAndRetailTradeRepairOfMotorVehicles => 9,
            ForcedLabourIndustry.H_TransportationAndStorage => 10,
            _ => 11,
        };
        if (industry is { } i)
            ticked.Add(i);
        if (ticked.Count == 0)
            ticked.Add(12);
        var values = new string[LabourColumns.Length];
        for (var j = 0; j < LabourColumns.Length - 1; j++)
            values[j] = Flag(ticked.Contains(j));
        values[^1] = string.Join(';', ticked.Order().Select(j => LabourLabels[j]));
        return values;
    }

    private static readonly string[] SexColumns =
        ["typeOfSexProstitution", "typeOfSexPornography", "typeOfSexRemoteInteractiveServices", "typeOfSexPrivateSexualServices", "typeOfSexConcatenated"];

    private static string[] SexValues(CtdcCase c)
    {
        if (!c.Exploitation.Contains(nameof(TypeOfExploitation.SexualExploitation)))
            return Repeat(SexColumns.Length);
        string[] codes = [nameof(TypeOfSexExploitation.Prostitution), nameof(TypeOfSexExploitation.Pornography),
            nameof(TypeOfSexExploitation.RemoteInteractiveServices), nameof(TypeOfSexExploitation.PrivateSexualServices)];
        string[] labels = ["Prostitution", "Pornography", "Remote interactive services", "Private sexual services"];
        var joined = codes.Select((code, i) => c.SexExploitation.Contains(code) ? labels[i] : null).OfType<string>().ToList();
        return [.. codes.Select(code => Flag(c.SexExploitation.Contains(code))), joined.Count == 0 ? Missing : string.Join(';', joined)];
    }

    private static string[] RecruiterValues(CtdcCase c) => c.Relationship switch
    {
        // HTCDS knows family, acquaintance and stranger; a stranger is CTDC's "Other" relationship.
        RelationshipToTrafficker.Familial => ["Family/Relative", "0", "0", "1", "0", "0"],
        RelationshipToTrafficker.Acquainted => ["Friend/Acquaintance", "0", "1", "0", "0", "0"],
        RelationshipToTrafficker.Unaquainted => ["Other", "0", "0", "0", "1", "0"],
        _ => ["Not Specified", "0", "0", "0", "0", "1"],
    };

    private static string GenderOf(Gender g) => g switch
    {
        Gender.Feminine => "Female",
        Gender.Masculine => "Male",
        Gender.NonSpecifiedUnknown => "Unknown",
        _ => "Transgender/NonConforming",
    };

    /// <summary>The CTDC age band (level 0) or the wide band that holds it (level 1).</summary>
    public static string AgeBandOf(int? age, int level) => (age, level) switch
    {
        (null, _) => Missing,
        ( <= 8, 0) => "0--8",
        ( <= 17, 0) => "9--17",
        ( <= 20, 0) => "18--20",
        ( <= 23, 0) => "21--23",
        ( <= 26, 0) => "24--26",
        ( <= 29, 0) => "27--29",
        ( <= 38, 0) => "30--38",
        ( <= 47, 0) => "39--47",
        (_, 0) => "48+",
        ( <= 17, _) => "0--17",
        ( <= 29, _) => "18--29",
        ( <= 47, _) => "30--47",
        _ => "48+",
    };

    /// <summary>The three-year span a year falls in (2023--2025, 2026--2028, ...), so spans never shift between exports.</summary>
    public static string YearSpanOf(int year)
    {
        var start = year - (((year - 2023) % 3) + 3) % 3;
        return $"{start.ToString(CultureInfo.InvariantCulture)}--{(start + 2).ToString(CultureInfo.InvariantCulture)}";
    }

    private static readonly Dimension[] Dimensions =
    [
        new(Cols("yearOfRegistration"), 3, (c, l) => [l switch { 0 => c.Year.ToString(CultureInfo.InvariantCulture), 1 => YearSpanOf(c.Year), _ => Missing }]),
        new(Cols("gender"), 2, (c, l) => [l == 0 ? GenderOf(c.Gender) : Missing]),
        new(Cols("ageBroad"), 3, (c, l) => [l < 2 ? AgeBandOf(c.Age, l) : Missing]),
        new(Cols("majorityStatus"), 2, (c, l) => [l == 0 ? (c.IsChild ? "Minor" : "Adult") : Missing]),
        new(Cols("citizenship"), 3, (c, l) => [c.Citizenship is null ? Missing : l switch { 0 => c.Citizenship, 1 => Regions.Of(c.Citizenship), _ => Missing }]),
        new(Cols("CountryOfExploitation"), 3, (c, l) => [c.CountryOfExploitation is null ? Missing : l switch { 0 => c.CountryOfExploitation, 1 => Regions.Of(c.CountryOfExploitation), _ => Missing }]),
        new(Cols(ExploitColumns), 2, (c, l) => l == 0 ? ExploitValues(c) : Repeat(ExploitColumns.Length)),
        new(Cols(SexColumns), 2, (c, l) => l == 0 ? SexValues(c) : Repeat(SexColumns.Length)),
        new(Cols(LabourColumns), 2, (c, l) => l == 0 ? LabourValues(c) : Repeat(LabourColumns.Length)),
        new(Cols(ControlColumns), 2, (c, l) => l == 0 ? ControlValues(c) : Repeat(ControlColumns.Length)),
        new(Cols("RecruiterRelationship", "recruiterRelationIntimatePartner", "recruiterRelationFriend", "recruiterRelationFamily", "recruiterRelationOther", "recruiterRelationUnknown"),
            2, (c, l) => l == 0 ? RecruiterValues(c) : Repeat(6)),
    ];
}

/// <summary>UN geoscheme sub-regions (M49) for the countries Ura's cases come from and go to; others are "Other".</summary>
public static class Regions
{
    private static readonly Dictionary<string, string> Map = new(StringComparer.OrdinalIgnoreCase)
    {
        // Southern Europe (the Western Balkans among them)
        ["AL"] = "Southern Europe", ["BA"] = "Southern Europe", ["ME"] = "Southern Europe", ["MK"] = "Southern Europe", ["RS"] = "Southern Europe",
        ["XK"] = "Southern Europe", ["HR"] = "Southern Europe", ["SI"] = "Southern Europe", ["GR"] = "Southern Europe", ["IT"] = "Southern Europe",
        ["ES"] = "Southern Europe", ["PT"] = "Southern Europe", ["MT"] = "Southern Europe", ["CY"] = "Western Asia", ["TR"] = "Western Asia",
        // Western Europe
        ["AT"] = "Western Europe", ["BE"] = "Western Europe", ["CH"] = "Western Europe", ["DE"] = "Western Europe", ["FR"] = "Western Europe",
        ["LU"] = "Western Europe", ["NL"] = "Western Europe",
        // Northern Europe
        ["DK"] = "Northern Europe", ["EE"] = "Northern Europe", ["FI"] = "Northern Europe", ["GB"] = "Northern Europe", ["IE"] = "Northern Europe",
        ["IS"] = "Northern Europe", ["LT"] = "Northern Europe", ["LV"] = "Northern Europe", ["NO"] = "Northern Europe", ["SE"] = "Northern Europe",
        // Eastern Europe
        ["BG"] = "Eastern Europe", ["BY"] = "Eastern Europe", ["CZ"] = "Eastern Europe", ["HU"] = "Eastern Europe", ["MD"] = "Eastern Europe",
        ["PL"] = "Eastern Europe", ["RO"] = "Eastern Europe", ["RU"] = "Eastern Europe", ["SK"] = "Eastern Europe", ["UA"] = "Eastern Europe",
    };

    public static string Of(string country) => Map.GetValueOrDefault(country, "Other");
}

internal sealed class StringArrayComparer : IEqualityComparer<string[]>
{
    public static readonly StringArrayComparer Instance = new();

    public bool Equals(string[]? x, string[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(string[] obj)
    {
        var hash = new HashCode();
        foreach (var s in obj) hash.Add(s, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}

/// <summary>Writing and reading the plain CSV the exports use (RFC 4180, UTF-8 without a byte order mark).</summary>
public static class Csv
{
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        Line(text, header);
        foreach (var row in rows) Line(text, row);
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) text.Append(',');
            var v = values[i] ?? "";
            // A leading = + - @ would be a formula in a spreadsheet; CTDC's -99 is the one such value allowed.
            if (v.Length > 0 && "=+@".Contains(v[0]) || v.StartsWith('-') && v != CtdcDataset.Missing)
                v = "'" + v;
            text.Append(v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v);
        }
        text.Append("\r\n");
    }

    /// <summary>The lines of a CSV file, each as its values (quoted values may hold commas, quotes and line breaks).</summary>
    public static List<string[]> Read(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content);
        var lines = new List<string[]>();
        var values = new List<string>();
        var value = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { value.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else value.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { values.Add(value.ToString()); value.Clear(); }
            else if (ch == '\r') { }
            else if (ch == '\n') { values.Add(value.ToString()); value.Clear(); lines.Add([.. values]); values.Clear(); }
            else value.Append(ch);
        }
        if (value.Length > 0 || values.Count > 0)
        {
            values.Add(value.ToString());
            lines.Add([.. values]);
        }
        return lines;
    }
}

/// <summary>The result of checking a file for k-anonymity: how many rows, how many distinct combinations, the smallest one.</summary>
public sealed record KAnonymityResult(bool Passed, int K, int Rows, int Groups, int SmallestGroup, string? Problem);

/// <summary>
/// Re-reads a produced CSV, on its own (it shares no code with the generalisation), and checks that
/// every combination of the values of the given quasi-identifier columns occurs at least k times.
/// </summary>
public static class KAnonymityCheck
{
    public static KAnonymityResult Verify(byte[] csv, IReadOnlyList<string> quasiIdentifiers, int k)
    {
        var lines = Csv.Read(csv);
        if (lines.Count == 0)
            return new(false, k, 0, 0, 0, "empty file");
        var header = lines[0];
        var indexes = new List<int>();
        foreach (var column in quasiIdentifiers)
        {
            var i = Array.IndexOf(header, column);
            if (i < 0)
                return new(false, k, lines.Count - 1, 0, 0, "missing column " + column);
            indexes.Add(i);
        }
        var rows = lines.Skip(1).ToList();
        if (rows.Any(r => r.Length != header.Length))
            return new(false, k, rows.Count, 0, 0, "a row has the wrong number of values");
        if (rows.Count == 0)
            return new(true, k, 0, 0, 0, null);
        var counts = rows.GroupBy(r => string.Join('\u0001', indexes.Select(i => r[i])), StringComparer.Ordinal).Select(g => g.Count()).ToList();
        var smallest = counts.Min();
        return new(smallest >= k, k, rows.Count, counts.Count, smallest, smallest >= k ? null : $"a combination occurs {smallest} times");
    }
}
