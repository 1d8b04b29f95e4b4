using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Features.Identification;
using Ura.Features.Reports.Dashboards;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.Reports;

/// <summary>
/// The home page dashboards from seeded cases: each role's figures, the scope of each, and small
/// numbers hidden from coordinators and analysts. Each test works in its own country, so figures
/// are exact: case worker in ME, supervisor in RS, coordinator in BA, analyst in MK, others in XK.
/// </summary>
public sealed class DashboardTests(UnroundedFactory factory) : IClassFixture<UnroundedFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static readonly DateTime Now = DateTime.UtcNow;
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);

    private Task<(Guid UserId, Guid OrganisationId)> UserAsync(string email) => factory.WithDb(async db =>
    {
        var u = await db.Users.SingleAsync(x => x.Email == email);
        return (u.Id, u.OrganisationId);
    });

    private Task<Guid> AddCaseAsync(Guid organisationId, CaseStatus status = CaseStatus.Active, CaseStage stage = CaseStage.Identification,
        TraffickingStatus trafficking = TraffickingStatus.PossibleVictimOfTrafficking, Gender gender = Gender.Feminine,
        AgeBand band = AgeBand.From18To24, Guid? teamMember = null, DateTime? openedAt = null) => factory.WithDb(async db =>
    {
        var opened = openedAt ?? Now;
        var c = new Case
        {
            OrganisationId = organisationId, Reference = "T-" + Guid.NewGuid().ToString("N")[..12], OpenedAt = opened, UpdatedAt = opened,
            Status = status, Stage = stage, TraffickingStatus = trafficking,
        };
        db.Cases.Add(c);
        db.Persons.Add(new Person
        {
            OrganisationId = organisationId, CaseId = c.Id, GivenNames = "Test", FamilyName = "Person", BirthDate = "2000",
            BirthYearHash = "x", Gender = gender, AgeBand = band, RegisteredAt = opened,
        });
        if (teamMember is { } member)
            db.CaseTeamMembers.Add(new CaseTeamMember { CaseId = c.Id, UserId = member, AssignedAt = opened });
        await db.SaveChangesAsync();
        return c.Id;
    });

    private Task AddTaskAsync(Guid caseId, Guid organisationId, Guid assignee, DateOnly due, bool completed = false) => factory.WithDb(async db =>
    {
        db.CaseTasks.Add(new CaseTask
        {
            CaseId = caseId, OrganisationId = organisationId, Kind = CaseTaskKind.Other, Title = "Call", DueOn = due,
            AssigneeId = assignee, CreatedAt = Now, CompletedAt = completed ? Now : null,
        });
        await db.SaveChangesAsync();
    });

    private static async Task<DashboardView> ApiAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DashboardView>(Json))!;
    }

    [Fact]
    public async Task Dashboard_CaseWorker_OwnTeamCasesAndTasks()
    {
        var (worker, org) = await UserAsync(Demo.Email("caseworker", "me"));
        var mine = await AddCaseAsync(org, stage: CaseStage.Identification, teamMember: worker);
        await AddCaseAsync(org, stage: CaseStage.Return, teamMember: worker);
        await AddCaseAsync(org, CaseStatus.FollowUp, CaseStage.Return, teamMember: worker);
        await AddCaseAsync(org, CaseStatus.Closed, teamMember: worker);
        await AddCaseAsync(org, stage: CaseStage.Return);   // not on the worker's team
        await AddTaskAsync(mine, org, worker, Today.AddDays(-2));
        await AddTaskAsync(mine, org, worker, Today.AddDays(3));
        await AddTaskAsync(mine, org, worker, Today.AddDays(3), completed: true);
        await AddTaskAsync(mine, org, worker, Today.AddDays(20));
        var client = await factory.SignInAsync(Demo.Email("caseworker", "me"), "en");

        var view = await ApiAsync(client);
        var html = await client.GetStringAsync("/");

        var work = view.CaseWork!;
        Assert.Equal(2, work.ActiveCases);
        Assert.Equal(1, work.FollowUpCases);
        Assert.Equal(1, work.TasksOverdue);
        Assert.Equal(1, work.TasksDueThisWeek);
        Assert.Equal(1, work.CasesByStage.Single(s => s.Stage == CaseStage.Identification).Count);
        Assert.Equal(2, work.CasesByStage.Single(s => s.Stage == CaseStage.Return).Count);
        Assert.Null(view.Organisation);
        Assert.Null(view.Country);
        Assert.Null(view.AllCountries);
        Assert.Contains("id=\"my-stages-chart-title\"", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"my-stages-caption\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_Supervisor_OwnOrganisationOnly()
    {
        var (_, org) = await UserAsync(Demo.Email("supervisor", "rs"));
        var (worker, _) = await UserAsync(Demo.Email("caseworker", "rs"));
        var (otherWorker, otherOrg) = await UserAsync(Demo.Email("socialworker", "rs"));
        var (_, abroad) = await UserAsync(Demo.Email("caseworker", "xk"));
        var first = await AddCaseAsync(org, stage: CaseStage.FirstAssistanceAndProtection, teamMember: worker);
        await AddCaseAsync(org, stage: CaseStage.FirstAssistanceAndProtection);
        await AddCaseAsync(org, CaseStatus.FollowUp, CaseStage.LongTermAssistanceAndSocialInclusion);
        var other = await AddCaseAsync(otherOrg, stage: CaseStage.FirstAssistanceAndProtection, teamMember: otherWorker);
        await AddCaseAsync(abroad, stage: CaseStage.FirstAssistanceAndProtection);
        await AddTaskAsync(first, org, worker, Today.AddDays(-1));
        await AddTaskAsync(first, org, worker, Today.AddDays(-5));
        await AddTaskAsync(other, otherOrg, otherWorker, Today.AddDays(-1));
        await factory.WithDb(db => db.Cases.Where(c => c.Id == first)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClosureRequestedAt, Now).SetProperty(c => c.ClosureReason, ClosureReason.AssistanceCompleted)));
        var client = await factory.SignInAsync(Demo.Email("supervisor", "rs"), "en");

        var view = await ApiAsync(client);

        var organisation = view.Organisation!;
        Assert.Equal(2, organisation.ActiveCases);
        Assert.Equal(1, organisation.FollowUpCases);
        Assert.Equal(2, organisation.TasksOverdue);
        Assert.Equal(1, organisation.ClosureRequests);
        Assert.Equal(2, organisation.CasesByStage.Single(s => s.Stage == CaseStage.FirstAssistanceAndProtection).Count);
        Assert.Equal(1, organisation.CasesByStage.Single(s => s.Stage == CaseStage.LongTermAssistanceAndSocialInclusion).Count);
        Assert.Equal(3, organisation.CasesByStage.Sum(s => s.Count));
        Assert.Null(view.Country);
        Assert.Null(view.AllCountries);
    }

    [Fact]
    public async Task Dashboard_Coordinator_OwnCountryFiguresOnly()
    {
        var (_, org) = await UserAsync(Demo.Email("caseworker", "ba"));
        var (_, police) = await UserAsync(Demo.Email("police", "ba"));
        var (_, abroad) = await UserAsync(Demo.Email("caseworker", "xk"));
        var identified = new List<Guid>();
        for (var i = 0; i < 6; i++)
            await AddCaseAsync(i < 3 ? org : police, gender: Gender.Feminine, band: AgeBand.From18To24);
        for (var i = 0; i < 5; i++)
            identified.Add(await AddCaseAsync(org, trafficking: TraffickingStatus.ActualVictimOfTrafficking, gender: Gender.Masculine, band: AgeBand.From25To34));
        await AddCaseAsync(org, trafficking: TraffickingStatus.NotAVictimOfTrafficking);
        await AddCaseAsync(org, openedAt: new DateTime(Today.Year - 1, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        for (var i = 0; i < 7; i++)
            await AddCaseAsync(abroad, gender: Gender.Feminine, band: AgeBand.From18To24);
        await factory.WithDb(async db =>
        {
            foreach (var id in identified)
                db.CaseIdentifications.Add(new CaseIdentification { CaseId = id, OrganisationId = org, ReflectionStartsOn = Today.AddDays(-27), ReflectionEndsOn = Today.AddDays(3) });
            await db.SaveChangesAsync();
        });
        var client = await factory.SignInAsync(Demo.Email("coordinator", "ba"), "en");

        var view = await ApiAsync(client);
        var asking = await client.GetAsync("/api/v1/dashboard?country=XK");
        var html = await client.GetStringAsync("/");

        var country = view.Country!;
        Assert.Equal("BA", country.CountryCode);
        Assert.Equal(Today.Year, country.Year);
        var women = country.BySex.Rows.ToList().IndexOf(nameof(Gender.Feminine));
        var men = country.BySex.Rows.ToList().IndexOf(nameof(Gender.Masculine));
        Assert.Equal(6, country.BySex.Cells[women][0]);
        Assert.Equal(0, country.BySex.Cells[women][1]);
        Assert.Equal(5, country.BySex.Cells[men][1]);
        Assert.Equal(11, country.BySex.Total);
        Assert.Equal(6, country.ByAgeBand.Cells[country.ByAgeBand.Rows.ToList().IndexOf(nameof(AgeBand.From18To24))][0]);
        Assert.Equal(5, country.ByAgeBand.Cells[country.ByAgeBand.Rows.ToList().IndexOf(nameof(AgeBand.From25To34))][1]);
        Assert.Equal(5, country.ReflectionEnding.Total);
        Assert.DoesNotContain("BA", country.Flows.Rows);
        Assert.Null(view.CaseWork);
        Assert.Null(view.Organisation);
        Assert.Null(view.AllCountries);
        // No parameter widens a coordinator's view: the same figures whatever is asked.
        var other = (await asking.Content.ReadFromJsonAsync<DashboardView>(Json))!;
        Assert.Equal("BA", other.Country!.CountryCode);
        Assert.Equal(11, other.Country.BySex.Total);
        Assert.Contains("id=\"country-sex-chart-title\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"country-sex-table\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_AnalystWithThreeCases_CellHiddenAndNotDerivable()
    {
        var (_, org) = await UserAsync(Demo.Email("caseworker", "mk"));
        for (var i = 0; i < 3; i++)
            await AddCaseAsync(org, gender: Gender.Masculine, band: AgeBand.From12To17);
        var client = await factory.SignInAsync(Demo.Email("analyst", "mk"), "sq");

        var view = await ApiAsync(client);
        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/"));

        var all = view.AllCountries!.ByCountry;
        var mk = all.Rows.ToList().IndexOf("MK");
        Assert.Null(all.Cells[mk][0]);
        Assert.Null(all.RowTotals[mk]);
        AssertNotDerivable(all);
        var country = view.Country!;
        Assert.Equal("MK", country.CountryCode);
        Assert.Null(country.BySex.Total);
        Assert.All(country.BySex.Cells.SelectMany(r => r), v => Assert.True(v is null or 0));
        Assert.DoesNotContain(country.BySex.Cells.SelectMany(r => r).Concat(country.BySex.RowTotals).Concat(country.BySex.ColumnTotals), v => v is > 0 and < 5);
        AssertNotDerivable(country.BySex);
        AssertNotDerivable(country.ByAgeBand);
        Assert.Null(view.CaseWork);
        Assert.Null(view.Organisation);
        Assert.Contains(factory.Text("Dashboard.Hidden", "sq").Replace("{0}", "5", StringComparison.Ordinal), html, StringComparison.Ordinal);
        Assert.DoesNotContain(">3<", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// No shown count is below the threshold, and no hidden count is the only hidden one of its row
    /// or column (with the totals), so none can be worked out by subtraction.
    /// </summary>
    private static void AssertNotDerivable(FigureTable t)
    {
        var rows = t.Rows.Count;
        var columns = t.Columns.Count;
        int? At(int r, int c) => r == rows ? (c == columns ? t.Total : t.ColumnTotals[c]) : c == columns ? t.RowTotals[r] : t.Cells[r][c];
        for (var r = 0; r <= rows; r++)
        {
            for (var c = 0; c <= columns; c++)
            {
                Assert.False(At(r, c) is > 0 and < 5, $"A count below 5 is shown at {r},{c}.");
                if (At(r, c) is not null)
                    continue;
                Assert.True(Enumerable.Range(0, columns + 1).Count(x => At(r, x) is null) >= 2 || columns == 1, $"Hidden {r},{c} alone in its row.");
                Assert.True(Enumerable.Range(0, rows + 1).Count(x => At(x, c) is null) >= 2, $"Hidden {r},{c} alone in its column.");
            }
        }
    }

    [Theory]
    [InlineData("orgadmin")]
    [InlineData("outreach")]
    [InlineData("sheltermanager")]
    public async Task Dashboard_RoleWithoutFigures_NoParts(string login)
    {
        var client = await factory.SignInAsync(Demo.Email(login, "xk"));

        var view = await ApiAsync(client);

        Assert.Null(view.CaseWork);
        Assert.Null(view.Organisation);
        Assert.Null(view.Country);
        Assert.Null(view.AllCountries);
    }

    [Fact]
    public async Task Dashboard_Anonymous_Unauthorized()
    {
        var response = await factory.Anonymous().GetAsync("/api/v1/dashboard");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

/// <summary>A coordinator's dashboard at the node's default: counts rounded to 5, and the page says so.</summary>
public sealed class DashboardRoundingTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task Dashboard_CoordinatorAtNodeDefault_CountryCountsRoundedTo5()
    {
        var organisation = await factory.WithDb(db => db.Users.Where(u => u.Email == Demo.Email("caseworker", "me")).Select(u => u.OrganisationId).SingleAsync());
        var opened = DateTime.UtcNow;
        await factory.WithDb(db =>
        {
            // 7 women and 6 men, all potential victims this year.
            for (var i = 0; i < 13; i++)
            {
                var c = new Case { OrganisationId = organisation, Reference = "R-" + Guid.NewGuid().ToString("N")[..12], OpenedAt = opened, UpdatedAt = opened };
                db.Cases.Add(c);
                db.Persons.Add(new Person
                {
                    OrganisationId = organisation, CaseId = c.Id, GivenNames = "Test", FamilyName = "Person", BirthDate = "2000",
                    BirthYearHash = "x", Gender = i < 7 ? Gender.Feminine : Gender.Masculine, AgeBand = AgeBand.From18To24, RegisteredAt = opened,
                });
            }
            return db.SaveChangesAsync();
        });
        var client = await factory.SignInAsync(Demo.Email("coordinator", "me"), "en");

        var view = (await client.GetFromJsonAsync<DashboardView>("/api/v1/dashboard",
            new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } }))!;
        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/"));

        var bySex = view.Country!.BySex;
        Assert.Equal(5, view.RoundTo);
        Assert.Equal(5, bySex.Cells[bySex.Rows.ToList().IndexOf(nameof(Gender.Feminine))][0]);
        Assert.Equal(5, bySex.Cells[bySex.Rows.ToList().IndexOf(nameof(Gender.Masculine))][0]);
        Assert.Equal(15, bySex.Total);
        Assert.Contains(factory.Text("Reports.RoundedNote", "en").Replace("{0}", "5", StringComparison.Ordinal), html, StringComparison.Ordinal);
    }
}
