using Ura.Features.Cases;
using Ura.Features.Reports.Exports;

namespace Ura.Tests.Reports;

/// <summary>The CTDC generalisation and its separate k check, without a database.</summary>
public sealed class ExportsKAnonymityTests
{
    private static CtdcCase Case(Random random) => new(
        2021 + random.Next(6),
        (Gender)random.Next(6),
        random.Next(10) == 0 ? null : random.Next(3, 70),
        random.Next(4) == 0,
        new[] { "AL", "XK", "MK", "RS", "IT", "DE", "SY" }[random.Next(7)],
        new[] { "AL", "IT", "GR", "DE", "AT" }[random.Next(5)],
        new HashSet<string> { random.Next(2) == 0 ? nameof(TypeOfExploitation.SexualExploitation) : nameof(TypeOfExploitation.ForcedLabour) },
        new HashSet<string> { nameof(TypeOfSexExploitation.Prostitution) },
        random.Next(3) == 0 ? ForcedLabourIndustry.F_Construction : null,
        new HashSet<string> { ((MethodOfControl)random.Next(16)).ToString() },
        random.Next(4) == 0 ? null : (RelationshipToTrafficker)random.Next(3));

    private static byte[] Csv(params (string Gender, string Age, int Times)[] groups) =>
        Ura.Features.Reports.Exports.Csv.Write(["gender", "ageBroad", "other"],
            groups.SelectMany(g => Enumerable.Repeat<IReadOnlyList<string>>([g.Gender, g.Age, "x"], g.Times)));

    [Fact]
    public void Verify_CombinationBelowK_Fails()
    {
        var result = KAnonymityCheck.Verify(Csv(("Female", "18--20", 11), ("Male", "18--20", 10)), ["gender", "ageBroad"], 11);

        Assert.False(result.Passed);
        Assert.Equal(10, result.SmallestGroup);
        Assert.Equal(21, result.Rows);
    }

    [Fact]
    public void Verify_OneQuasiIdentifierSplitsAGroup_Fails()
    {
        // 12 women in total, but only 1 aged 24--26: the pair (gender, age) singles her out.
        var result = KAnonymityCheck.Verify(Csv(("Female", "18--20", 11), ("Female", "24--26", 1), ("Male", "18--20", 11)), ["gender", "ageBroad"], 11);

        Assert.False(result.Passed);
        Assert.Equal(1, result.SmallestGroup);
    }

    [Fact]
    public void Verify_EveryCombinationAtLeastK_Passes()
    {
        var result = KAnonymityCheck.Verify(Csv(("Female", "18--20", 11), ("Male", "18--20", 12)), ["gender", "ageBroad"], 11);

        Assert.True(result.Passed);
        Assert.Equal(11, result.SmallestGroup);
        Assert.Equal(2, result.Groups);
    }

    [Fact]
    public void Verify_MissingColumn_Fails() =>
        Assert.False(KAnonymityCheck.Verify(Csv(("Female", "18--20", 20)), ["gender", "citizenship"], 11).Passed);

    [Theory]
    [InlineData(11, 11)]
    [InlineData(40, 11)]
    [InlineData(250, 11)]
    [InlineData(1000, 11)]
    [InlineData(250, 5)]
    public void Build_RandomCases_KeepsEveryRowAndPassesCheck(int count, int k)
    {
        var random = new Random(count * 31 + k);
        var cases = Enumerable.Range(0, count).Select(_ => Case(random)).ToList();

        var rows = CtdcDataset.Build(cases, k);
        var check = KAnonymityCheck.Verify(CtdcDataset.ToCsv(rows), CtdcDataset.Columns, k);

        Assert.Equal(count, rows.Count);
        Assert.True(check.Passed, check.Problem);
        Assert.All(rows, r => Assert.Equal(CtdcDataset.Columns.Count, r.Length));
    }

    [Fact]
    public void Build_FewerCasesThanK_PublishesNothing() =>
        Assert.Empty(CtdcDataset.Build([.. Enumerable.Range(0, 10).Select(_ => Case(new Random(1)))], 11));

    [Fact]
    public void Build_GeneralisesInsteadOfInventing_KeepsEachCasesValuesOrCoarserOnes()
    {
        var random = new Random(7);
        var cases = Enumerable.Range(0, 200).Select(_ => Case(random)).ToList();
        var rows = CtdcDataset.Build(cases, 11);
        var year = CtdcDataset.Columns.ToList().IndexOf("yearOfRegistration");
        var citizenship = CtdcDataset.Columns.ToList().IndexOf("citizenship");

        // Published years, spans and citizenships are only ever values or regions that the cases have.
        var years = cases.Select(c => c.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Concat(cases.Select(c => CtdcDataset.YearSpanOf(c.Year))).Append(CtdcDataset.Missing).ToHashSet();
        Assert.All(rows, r => Assert.Contains(r[year], years));
        var citizenships = cases.Select(c => c.Citizenship!).Concat(cases.Select(c => Regions.Of(c.Citizenship!))).Append(CtdcDataset.Missing).ToHashSet();
        Assert.All(rows, r => Assert.Contains(r[citizenship], citizenships));
    }

    [Theory]
    [InlineData(2023, "2023--2025")]
    [InlineData(2025, "2023--2025")]
    [InlineData(2026, "2026--2028")]
    [InlineData(2022, "2020--2022")]
    public void YearSpanOf_Year_FixedThreeYearSpan(int year, string span) => Assert.Equal(span, CtdcDataset.YearSpanOf(year));

    [Theory]
    [InlineData("2000-06-15", "2026-06-14", 25)]
    [InlineData("2000-06-15", "2026-06-15", 26)]
    [InlineData("2000", "2026-06-30", 25)]
    [InlineData("", "2026-06-30", null)]
    public void AgeAt_BirthDateOrYear_WholeYears(string birth, string at, int? age) =>
        Assert.Equal(age, CtdcExport.AgeAt(birth, DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
}
