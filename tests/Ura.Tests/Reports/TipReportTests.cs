using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Features.Identification;
using Ura.Features.Referrals;
using Ura.Features.Reports.Tip;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.Reports;

/// <summary>A node with known cases in Montenegro for 2012, a year nothing else touches; counts not rounded.</summary>
public class TipFactory : UnroundedFactory, IAsyncLifetime
{
    public const string Country = "ME";
    public const int Year = 2012;

    public Task InitializeAsync() => SeedAsync();

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private static DateOnly On(int month, int day, int year = Year) => new(year, month, day);

    /// <summary>
    /// Identified in 2012 in ME: 12 persons (women: 7 adults, 3 girls; men: 2 adults); 10 Montenegrin, 2 Albanian;
    /// 8 sexual exploitation (2 of them also forced begging), 4 forced labour. Not counted: a person first identified
    /// in 2011, a person found not a victim, a person identified in Albania.
    /// Assisted in 2012: medical 6 persons (one twice), accommodation 5, legal counselling 2; 10 persons in all.
    /// Referrals sent in 2012: to NGOs 6 accepted (2 later completed) and 5 declined; to social services 5 accepted.
    /// </summary>
    private Task SeedAsync() => WithDb(async db =>
    {
        var orgs = await db.Organisations.Where(o => o.CountryCode == Country || o.CountryCode == "AL").ToListAsync();
        var shelter = orgs.Single(o => o.CountryCode == Country && o.IsShelterOperator);
        var police = orgs.Single(o => o.CountryCode == Country && o.IsIdentificationAuthority);
        var social = orgs.Single(o => o.CountryCode == Country && o.Type == OrganisationType.LocalGovernmentOrganisation);
        var albanian = orgs.Single(o => o.CountryCode == "AL" && o.IsShelterOperator);
        var alPolice = orgs.Single(o => o.CountryCode == "AL" && o.IsIdentificationAuthority);
        var service = await db.Services.FirstAsync();
        var someone = await db.Users.Select(u => u.Id).FirstAsync();
        var n = 0;

        Case NewCase(Organisation org, Gender gender, bool child, string citizenships, TraffickingStatus status)
        {
            n++;
            var @case = new Case
            {
                OrganisationId = org.Id, Reference = $"{org.CountryCode}-{Year}-T{n:D5}", OpenedAt = new DateTime(2011, 6, 1, 0, 0, 0, DateTimeKind.Utc),
                UpdatedAt = DateTime.UtcNow, TraffickingStatus = status,
            };
            db.Cases.Add(@case);
            db.Persons.Add(new Person
            {
                OrganisationId = org.Id, CaseId = @case.Id, GivenNames = "Tip", FamilyName = "Person" + n, BirthDate = child ? "1998" : "1980",
                BirthDateEstimated = true, BirthYearHash = "x", Gender = gender, AgeBand = child ? AgeBand.From12To17 : AgeBand.From25To34,
                IsChild = child, Citizenships = citizenships, RegisteredAt = @case.OpenedAt,
            });
            return @case;
        }

        void Decide(Case @case, Organisation authority, TraffickingStatus decision, DateOnly on) =>
            db.IdentificationSubmissions.Add(new IdentificationSubmission
            {
                CaseId = @case.Id, OrganisationId = @case.OrganisationId, AuthorityId = authority.Id, SubmittedAt = new DateTime(2011, 6, 2, 0, 0, 0, DateTimeKind.Utc),
                SubmittedById = someone, Statement = "Statement", Decision = decision, DecidedOn = on, Basis = "Basis",
                DecidedAt = on.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), DecidedById = someone,
            });

        void Exploited(Case @case, TypeOfExploitation type) =>
            db.ExploitationCodes.Add(new ExploitationCode { CaseId = @case.Id, OrganisationId = @case.OrganisationId, Kind = ExploitationCodeKind.TypeOfExploitation, Code = type.ToString() });

        void Served(Case @case, ServiceType type, DateOnly on) =>
            db.ServiceDeliveries.Add(new ServiceDelivery
            {
                CaseId = @case.Id, OrganisationId = @case.OrganisationId, Type = type, DeliveredOn = on, ProviderOrganisationId = @case.OrganisationId,
                RecordedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });

        var identified = new List<Case>();
        foreach (var (gender, child, count) in new[] { (Gender.Feminine, false, 7), (Gender.Feminine, true, 3), (Gender.Masculine, false, 2) })
        {
            for (var i = 0; i < count; i++)
                identified.Add(NewCase(shelter, gender, child, "", TraffickingStatus.ActualVictimOfTrafficking));
        }
        for (var i = 0; i < identified.Count; i++)
        {
            var @case = identified[i];
            Decide(@case, police, TraffickingStatus.ActualVictimOfTrafficking, On(1 + i % 12, 15));
            var person = db.Persons.Local.Single(p => p.CaseId == @case.Id);
            person.Citizenships = i is 3 or 10 ? "AL" : "ME";
            Exploited(@case, i < 8 ? TypeOfExploitation.SexualExploitation : TypeOfExploitation.ForcedLabour);
            if (i is 1 or 2)
                Exploited(@case, TypeOfExploitation.ForcedBegging);
        }
        // A second, later decision does not move a person to another year or count them twice.
        Decide(identified[0], police, TraffickingStatus.ActualVictimOfTrafficking, On(11, 1));

        var earlier = NewCase(shelter, Gender.Masculine, false, "ME", TraffickingStatus.ActualVictimOfTrafficking);
        Decide(earlier, police, TraffickingStatus.ActualVictimOfTrafficking, On(12, 20, Year - 1));
        Decide(earlier, police, TraffickingStatus.ActualVictimOfTrafficking, On(2, 1));
        Exploited(earlier, TypeOfExploitation.ForcedLabour);
        var notAVictim = NewCase(shelter, Gender.Feminine, false, "ME", TraffickingStatus.NotAVictimOfTrafficking);
        Decide(notAVictim, police, TraffickingStatus.NotAVictimOfTrafficking, On(3, 1));
        var inAlbania = NewCase(albanian, Gender.Feminine, false, "ME", TraffickingStatus.ActualVictimOfTrafficking);
        Decide(inAlbania, alPolice, TraffickingStatus.ActualVictimOfTrafficking, On(3, 1));

        // Assistance: identified victims and two possible victims; a person found not a victim and last year's services do not count.
        var possible1 = NewCase(shelter, Gender.Feminine, false, "ME", TraffickingStatus.PossibleVictimOfTrafficking);
        var possible2 = NewCase(shelter, Gender.Feminine, false, "ME", TraffickingStatus.PossibleVictimOfTrafficking);
        foreach (var @case in new[] { identified[0], identified[1], identified[2], identified[3], identified[4], possible1 })
            Served(@case, ServiceType.Medical, On(4, 1));
        Served(identified[0], ServiceType.Medical, On(9, 1));
        foreach (var @case in new[] { identified[0], identified[1], identified[5], identified[6], possible2 })
            Served(@case, ServiceType.Accommodation, On(5, 1));
        foreach (var @case in new[] { identified[0], identified[7] })
            Served(@case, ServiceType.LegalCounselling, On(6, 1));
        Served(notAVictim, ServiceType.Medical, On(4, 1));
        Served(identified[8], ServiceType.Medical, On(12, 31, Year - 1));
        Served(inAlbania, ServiceType.Medical, On(4, 1));

        Referral Refer(Case @case, Organisation to, ReferralStatus status, DateTime? sent, bool decided) => new()
        {
            OrganisationId = @case.OrganisationId, CaseId = @case.Id, CreatedById = someone, CreatedAt = sent ?? DateTime.UtcNow, ServiceId = service.Id,
            ReceivingOrganisationId = to.Id, Status = status, SentAt = sent, DecidedAt = decided ? sent!.Value.AddDays(2) : null,
            DeclineReason = status == ReferralStatus.Declined ? DeclineReason.NoCapacity : null,
        };
        var inYear = new DateTime(Year, 3, 10, 9, 0, 0, DateTimeKind.Utc);
        var ngo = orgs.Single(o => o.CountryCode == Country && o.Type == OrganisationType.NGO && o.Id != shelter.Id && !o.IsShelterOperator);
        for (var i = 0; i < 6; i++)
            db.Referrals.Add(Refer(identified[i], ngo, i < 2 ? ReferralStatus.Completed : ReferralStatus.Accepted, inYear, true));
        for (var i = 0; i < 5; i++)
            db.Referrals.Add(Refer(identified[i], ngo, ReferralStatus.Declined, inYear.AddMonths(i), true));
        for (var i = 0; i < 5; i++)
            db.Referrals.Add(Refer(identified[i], social, ReferralStatus.Accepted, inYear, true));
        db.Referrals.Add(Refer(identified[0], social, ReferralStatus.Draft, null, false));
        db.Referrals.Add(Refer(identified[0], social, ReferralStatus.Accepted, new DateTime(Year - 1, 12, 31, 22, 0, 0, DateTimeKind.Utc), true));
        db.Referrals.Add(Refer(inAlbania, social, ReferralStatus.Accepted, inYear, true));
        await db.SaveChangesAsync();
    });

}

/// <summary>
/// The TIP Report figures over HTTP, on the known cases of <see cref="TipFactory"/>: exact numbers per section,
/// small numbers hidden, the XLSX opened and read, who may see which country, bad input.
/// </summary>
public sealed class TipReportTests(TipFactory factory) : IClassFixture<TipFactory>
{
    private const string Country = TipFactory.Country;
    private const int Year = TipFactory.Year;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<TipReportView> ApiAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/reports/tip?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TipReportView>(Json))!;
    }

    private static TipTable Table(TipReportView view, string name) => view.Tables.Single(t => t.Name == name);

    private static int? Row(TipTable table, string key) => table.Rows.Single(r => r.Key == key).Total;

    [Fact]
    public async Task Tip_SeededYear_ExactFiguresPerSection()
    {
        var client = await factory.SignInAsync(Demo.Email("coordinator", "me"), "en");

        var view = await ApiAsync(client, $"country={Country}&year={Year}");

        Assert.Equal(Country, view.Country);
        Assert.Equal(Year, view.Year);
        Assert.Equal(5, view.SmallNumberThreshold);

        // 1. Identified: 12; the small cells (3 girls, 2 men) hidden, everything shown true.
        var sexAndAge = Table(view, TipReport.IdentifiedBySexAndAge);
        Assert.Equal(12, sexAndAge.Total);
        var feminine = sexAndAge.Rows.Single(r => r.Key == nameof(Gender.Feminine));
        var masculine = sexAndAge.Rows.Single(r => r.Key == nameof(Gender.Masculine));
        Assert.Null(feminine.Values[1]);
        Assert.Null(masculine.Values[0]);
        Assert.Null(masculine.Total);
        Assert.All(new[] { (feminine.Values[0], 7), (feminine.Total, 10), (sexAndAge.ColumnTotals[0], 9), (sexAndAge.ColumnTotals[1], 3) },
            pair => Assert.True(pair.Item1 is null || pair.Item1 == pair.Item2));
        Assert.All(sexAndAge.Rows.Where(r => r.Key is not (nameof(Gender.Feminine) or nameof(Gender.Masculine))), r => Assert.Equal(0, r.Total));

        var exploitation = Table(view, TipReport.IdentifiedByExploitation);
        Assert.Equal(8, Row(exploitation, nameof(TypeOfExploitation.SexualExploitation)));
        Assert.Null(Row(exploitation, nameof(TypeOfExploitation.ForcedLabour)));
        Assert.Null(Row(exploitation, nameof(TypeOfExploitation.ForcedBegging)));
        Assert.Equal(0, Row(exploitation, TipReport.NotRecorded));
        Assert.Equal(14, exploitation.Total);

        // Two Albanians: hidden, and the Montenegrin count with it, so 12 minus what is shown gives nothing away.
        var nationality = Table(view, TipReport.IdentifiedByNationality);
        Assert.Equal([Country, "AL", TipReport.NotRecorded], nationality.Rows.Select(r => r.Key));
        Assert.Null(Row(nationality, "AL"));
        Assert.Null(Row(nationality, Country));
        Assert.Equal(0, Row(nationality, TipReport.NotRecorded));
        Assert.Equal(12, nationality.Total);

        // 2. Assisted.
        Assert.Equal(10, Table(view, TipReport.AssistedOverall).Total);
        var assisted = Table(view, TipReport.AssistedByService);
        Assert.Equal(6, Row(assisted, nameof(ServiceType.Medical)));
        Assert.Null(Row(assisted, nameof(ServiceType.Accommodation)));
        Assert.Null(Row(assisted, nameof(ServiceType.LegalCounselling)));
        Assert.Equal(0, Row(assisted, nameof(ServiceType.Education)));
        Assert.Equal(13, assisted.Total);

        // 3. Referrals: nothing small, all shown.
        var referrals = Table(view, TipReport.ReferralsByReceiver);
        Assert.Equal(["Accepted", "Declined", "NotDecided"], referrals.Columns);
        var toNgo = referrals.Rows.Single(r => r.Key == nameof(OrganisationType.NGO));
        var toSocial = referrals.Rows.Single(r => r.Key == nameof(OrganisationType.LocalGovernmentOrganisation));
        Assert.Equal([6, 5, 0], toNgo.Values);
        Assert.Equal(11, toNgo.Total);
        Assert.Equal([5, 0, 0], toSocial.Values);
        Assert.Equal([11, 5, 0], referrals.ColumnTotals);
        Assert.Equal(16, referrals.Total);
    }

    [Fact]
    public async Task Tip_HiddenCategory_CannotBeWorkedOutFromWhatIsShown()
    {
        var client = await factory.SignInAsync(Demo.Email("analyst"), "en");

        var view = await ApiAsync(client, $"country={Country}&year={Year}");

        // Every list: a hidden row never stands alone, so the total minus the shown rows covers at least two rows.
        foreach (var table in view.Tables.Where(t => t.Columns.Count == 0))
        {
            var hidden = table.Rows.Count(r => r.Total is null);
            Assert.True(hidden != 1 || table.Total is null, table.Name);
        }
        // The Albanian 2 in particular: the total and the shown rows leave 12 for two hidden rows.
        var nationality = Table(view, TipReport.IdentifiedByNationality);
        Assert.Equal(2, nationality.Rows.Count(r => r.Total is null));
        Assert.Equal(12, nationality.Total - nationality.Rows.Sum(r => r.Total ?? 0));
    }

    [Fact]
    public async Task Tip_Page_ShowsSectionsDefinitionsAndHiddenMark()
    {
        var client = await factory.SignInAsync(Demo.Email("coordinator", "me"), "sq");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/reports/tip?country={Country}&year={Year}"));

        Assert.Contains(factory.Text("Reports.Tip.Section1", "sq"), html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Reports.Tip.Section2", "sq"), html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Reports.Tip.Section3", "sq"), html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Reports.Tip.Definition.IdentifiedByExploitation", "sq"), html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Reports.Tip.HiddenMark", "sq"), html, StringComparison.Ordinal);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, factory.Text("Reports.Tip.HiddenNote", "sq"), 5), html, StringComparison.Ordinal);
        Assert.Contains("<td>16</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tip_Xlsx_OneSheetPerSectionWithRealNumbersAndEmptyHiddenCells()
    {
        var client = await factory.SignInAsync(Demo.Email("coordinator", "me"), "en");
        var auditsBefore = await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Action == "export"));

        var response = await client.GetAsync($"/reports/tip?handler=xlsx&country={Country}&year={Year}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TipExport.XlsxType, response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(3, sheets.Count);
        var referrals = Cells(workbook, sheets[2]);
        var ngoRow = referrals.Single(r => r[1].Text == factory.Text("OrganisationType.NGO", "en"));
        Assert.Equal(["6", "5", "0", "11"], ngoRow.Skip(2).Select(c => c.Text));
        Assert.All(ngoRow.Skip(2), c => Assert.True(c.Number));
        var assisted = Cells(workbook, sheets[1]);
        var medical = assisted.Single(r => r[1].Text == factory.Text("ServiceType.Medical", "en"));
        Assert.Equal("6", medical[^1].Text);
        var legal = assisted.Single(r => r[1].Text == factory.Text("ServiceType.LegalCounselling", "en"));
        Assert.Equal("", legal[^1].Text);
        Assert.Contains(assisted, r => r.Count > 1 && r[1].Text.StartsWith("Counts below 5 are hidden", StringComparison.Ordinal));
        Assert.Equal(auditsBefore + 1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Action == "export")));
    }

    [Fact]
    public async Task Tip_Csv_Utf8WithBomAndTheSameNumbers()
    {
        var client = await factory.SignInAsync(Demo.Email("coordinator", "me"), "mk");

        var response = await client.GetAsync($"/reports/tip?handler=csv&country={Country}&year={Year}");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var csv = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Contains($"\"{factory.Text("ServiceType.Medical", "mk")}\",,,,,,6", csv, StringComparison.Ordinal);
        Assert.Contains($"\"{factory.Text("ServiceType.LegalCounselling", "mk")}\",,,,,,\r\n", csv, StringComparison.Ordinal);
    }

    /// <summary>Each row's cells as text, with whether the cell is a number.</summary>
    private static List<List<(string Text, bool Number)>> Cells(WorkbookPart workbook, Sheet sheet)
    {
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return [.. part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
            c.DataType?.Value == CellValues.InlineString ? (c.InlineString?.Text?.Text ?? "", false)
            : (c.CellValue?.Text ?? "", c.CellValue is not null)).ToList())];
    }

    [Fact]
    public async Task Tip_CoordinatorOfAnotherCountry_NotFoundAndNothingExported()
    {
        var client = await factory.SignInAsync(Demo.Email("coordinator", "al"), "en");
        var auditsBefore = await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Action == "export"));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/reports/tip?country={Country}&year={Year}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/reports/tip?country={Country}&year={Year}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/reports/tip?handler=xlsx&country={Country}&year={Year}")).StatusCode);
        Assert.Equal(auditsBefore, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Action == "export")));
        // Their own country, by default.
        Assert.Equal("AL", (await ApiAsync(client, $"year={Year}")).Country);
    }

    [Fact]
    public async Task Tip_AnalystAnyCountry_Allowed()
    {
        var client = await factory.SignInAsync(Demo.Email("analyst", "al"), "en");

        Assert.Equal(16, Table(await ApiAsync(client, $"country=me&year={Year}"), TipReport.ReferralsByReceiver).Total);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/reports/tip")).StatusCode);
    }

    [Theory]
    [InlineData("caseworker")]
    [InlineData("supervisor")]
    [InlineData("police")]
    [InlineData("orgadmin")]
    [InlineData("outreach")]
    public async Task Tip_RoleWithoutTipFigures_Forbidden(string login)
    {
        var client = await factory.SignInAsync(Demo.Email(login, "me"));

        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/reports/tip?country={Country}&year={Year}")));
        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/reports/tip?handler=csv&country={Country}&year={Year}")));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/reports/tip?country={Country}&year={Year}")).StatusCode);
    }

    [Theory]
    [InlineData("country=ME&year=abc", "year", "Reports.Tip.YearInvalid")]
    [InlineData("country=ME&year=1999", "year", "Reports.Tip.YearOutOfRange")]
    [InlineData("country=ME&year=2999", "year", "Reports.Tip.YearOutOfRange")]
    [InlineData("country=ZZ&year=2012", "country", "Cases.Person.UnknownCountry")]
    [InlineData("country=Montenegro&year=2012", "country", "Cases.Person.UnknownCountry")]
    [InlineData("year=2012", "country", "Reports.Tip.CountryRequired")]
    public async Task Tip_BadInput_LocalisedErrorAndNothingProduced(string query, string field, string key)
    {
        var client = await factory.SignInAsync(Demo.Email("analyst"), "sr-Latn");
        var auditsBefore = await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Action == "export"));

        var api = await client.GetAsync("/api/v1/reports/tip?" + query);
        var page = await client.GetAsync("/reports/tip?" + query);
        var export = await client.GetAsync("/reports/tip?handler=xlsx&" + query);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal([factory.Text(key, "sr-Latn")], await ProblemErrorsAsync(api, field));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(factory.Text(key, "sr-Latn"), html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Equal("text/html", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal(auditsBefore, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Action == "export")));
    }
}

/// <summary>The same cases with counts rounded, as a node does by default.</summary>
public sealed class RoundedTipFactory : TipFactory
{
    protected override int? ReportRoundTo => null;
}

public sealed class TipRoundingTests(RoundedTipFactory factory) : IClassFixture<RoundedTipFactory>
{
    [Fact]
    public async Task Tip_NodeDefault_ShownCountsRoundedTo5AndSaidSo()
    {
        var client = await factory.SignInAsync(Demo.Email("coordinator", "me"), "en");

        var view = (await client.GetFromJsonAsync<TipReportView>($"/api/v1/reports/tip?country={TipFactory.Country}&year={TipFactory.Year}",
            new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/reports/tip?country={TipFactory.Country}&year={TipFactory.Year}"));
        var csv = System.Text.Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/reports/tip?handler=csv&country={TipFactory.Country}&year={TipFactory.Year}"));

        Assert.Equal(5, view.RoundTo);
        var identified = view.Tables.Single(t => t.Name == TipReport.IdentifiedBySexAndAge);
        // 12 identified, shown as 10; every count shown is a multiple of 5.
        Assert.Equal(10, identified.Total);
        var shown = view.Tables.SelectMany(t => t.Rows.SelectMany(r => r.Values.Append(r.Total)).Concat(t.ColumnTotals).Append(t.Total)).OfType<int>().ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, v => Assert.Equal(0, v % 5));
        var note = factory.Text("Reports.RoundedNote", "en").Replace("{0}", "5", StringComparison.Ordinal);
        Assert.Contains(note, page, StringComparison.Ordinal);
        Assert.Contains(note, csv, StringComparison.Ordinal);
    }
}
