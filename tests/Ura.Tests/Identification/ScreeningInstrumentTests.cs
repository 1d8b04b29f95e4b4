using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Identification;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.Identification;

/// <summary>The stored instruments: the built-in ILO one, importing through the page and the API, and who may do what.</summary>
public sealed class ScreeningInstrumentTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private const string Url = "/api/v1/screening-instruments";
    private const string Page = "/identification/instruments";

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Format(string template, params object[] arguments) =>
        string.Format(CultureInfo.InvariantCulture, template, arguments);

    /// <summary>Every stored instrument (key, version, status, document length) and the number of audit events.</summary>
    private Task<string> Snapshot() => factory.WithDb(async db =>
        string.Join("|", (await db.ScreeningInstruments.AsNoTracking().OrderBy(i => i.Key).ThenBy(i => i.Version).ToListAsync())
            .Select(i => $"{i.Key}:{i.Version}:{i.Status}:{i.Document.Length}"))
        + "#" + await db.AuditEvents.CountAsync());

    [Fact]
    public async Task Migrate_NewDatabase_InstallsIloInstrumentWithItsStatuses()
    {
        var stored = await factory.WithDb(db => db.ScreeningInstruments.AsNoTracking().SingleAsync(i => i.Key == DefaultInstruments.IloKey));

        Assert.Equal((InstrumentStatus.Unverified, null), (stored.Status, stored.ImportedById));
        Assert.Equal(DefaultInstruments.IloJson(), stored.Document);
        var document = InstrumentDocument.Parse(stored.Document).Document!;
        Assert.Equal(stored.Version, document.Version);
    }

    [Fact]
    public async Task InstallDefaults_SecondRun_AddsNothing()
    {
        var before = await Snapshot();

        await factory.WithDb(db => DefaultInstruments.InstallAsync(db, CancellationToken.None));

        Assert.Equal(before, await Snapshot());
    }

    [Fact]
    public async Task List_CaseWorker_SeesIloWithListStatusesInApi()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);

        var list = await client.GetFromJsonAsync<List<InstrumentSummary>>(Url);

        var ilo = Assert.Single(list!, i => i.Key == DefaultInstruments.IloKey);
        Assert.Equal(("unverified", "unverified", true), (ilo.Status, ilo.RuleStatus, ilo.BuiltIn));
        Assert.Equal(
            [new ListStatus("adult_labour", "unverified", 67), new ListStatus("adult_sexual", "incomplete", 0),
             new ListStatus("child_labour", "unverified", 65), new ListStatus("child_sexual", "incomplete", 0)],
            ilo.Lists.OrderBy(l => l.List, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Import_SystemAdminApi_StoresAuditsAndNewVersionBecomesCurrent()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin, "sq");
        var admin = await factory.UserAsync(Demo.SystemAdmin);

        var first = await client.PostAsync(Url, Body(TestInstruments.Verified("api-sop", "1").ToJsonString()));
        var second = await client.PostAsync(Url, Body(TestInstruments.Verified("api-sop", "2").ToJsonString()));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        var created = (await second.Content.ReadFromJsonAsync<InstrumentSummary>())!;
        Assert.Equal(("api-sop", "2", "verified", false), (created.Key, created.Version, created.Status, created.BuiltIn));
        Assert.Equal($"{Url}/{created.Id}", second.Headers.Location!.OriginalString);
        var stored = await factory.WithDb(db => db.ScreeningInstruments.AsNoTracking().SingleAsync(i => i.Id == created.Id));
        Assert.Equal(admin.Id, stored.ImportedById);
        var audit = await factory.WithDb(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "screening-instrument.import" && e.EntityId == created.Id.ToString()));
        Assert.Equal(("key=api-sop;version=2;status=verified", admin.Id), (audit.Detail, audit.UserId));
        var list = (await client.GetFromJsonAsync<List<InstrumentSummary>>(Url))!.Where(i => i.Key == "api-sop").ToList();
        Assert.Equal([("2", true), ("1", false)], list.Select(i => (i.Version, i.IsCurrent)));
    }

    [Fact]
    public async Task Import_SameKeyAndVersionTwice_SecondRefusedAndNothingChanges()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin, "sq");
        var json = TestInstruments.Verified("twice", "1.0");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync(Url, Body(json.ToJsonString()))).StatusCode);
        var before = await Snapshot();
        json["provenance"] = "a different text under the same version";

        var response = await client.PostAsync(Url, Body(json.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([Format(factory.Text("Screening.Error.DuplicateVersion", "sq"), "version", "twice", "1.0")], await ProblemErrorsAsync(response, "version"));
        Assert.Equal(before, await Snapshot());
    }

    [Fact]
    public async Task Import_BuiltInKeyAndVersion_Refused()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin, "sq");
        var before = await Snapshot();

        var response = await client.PostAsync(Url, Body(DefaultInstruments.IloJson()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(await ProblemErrorsAsync(response, "version"));
        Assert.Equal(before, await Snapshot());
    }

    [Theory]
    [InlineData("{\"key\": ", "", "Screening.Error.NotJson", "1", "9")]
    [InlineData("", "", "Screening.Error.NotJson", "1", "1")]
    [InlineData("bad-strength", "lists.adult_labour.dimensions.coercive_recruitment[0].strength", "Screening.Error.Strength", "huge")]
    [InlineData("missing-dimension", "lists.child_labour.dimensions.coercion_at_destination", "Screening.Error.Missing")]
    [InlineData("bad-threshold", "decision_rule.dimension_positive[0].strong", "Screening.Error.ThresholdRange", "100")]
    public async Task Import_MalformedInstrumentApi_400WithLocatedLocalisedMessageNothingStored(string body, string path, string messageKey, params string[] arguments)
    {
        var json = TestInstruments.Verified("malformed", "1");
        switch (body)
        {
            case "bad-strength": json["lists"]!["adult_labour"]!["dimensions"]!["coercive_recruitment"]![0]!["strength"] = "huge"; body = json.ToJsonString(); break;
            case "missing-dimension": json["lists"]!["child_labour"]!["dimensions"]!.AsObject().Remove("coercion_at_destination"); body = json.ToJsonString(); break;
            case "bad-threshold": json["decision_rule"]!["dimension_positive"]![0]!["strong"] = -2; body = json.ToJsonString(); break;
        }
        var client = await factory.SignInAsync(Demo.SystemAdmin, "sq");
        var before = await Snapshot();

        var response = await client.PostAsync(Url, Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([Format(factory.Text(messageKey, "sq"), [path, .. arguments])], await ProblemErrorsAsync(response, path));
        Assert.Equal(before, await Snapshot());
    }

    [Fact]
    public async Task Import_PageWithUnknownStrength_ErrorNextToFieldInLanguageNothingStored()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin, "sq");
        var json = TestInstruments.Verified("page-bad", "1");
        json["lists"]!["adult_sexual"]!["dimensions"]!["coercion_at_destination"]![1]!["strength"] = "severe";
        var before = await Snapshot();

        var response = await UraFactory.PostFormAsync(client, Page, new() { ["Input.Json"] = json.ToJsonString() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        var expected = Format(factory.Text("Screening.Error.Strength", "sq"), "lists.adult_sexual.dimensions.coercion_at_destination[1].strength", "severe");
        Assert.Contains($"<ul class=\"field-error\" id=\"Input_Json-error\">", html, StringComparison.Ordinal);
        Assert.Contains($"<li>{expected}</li>", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"Input_Json-error\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot());
    }

    [Fact]
    public async Task Import_PageEmpty_AsksForDocumentNothingStored()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin, "sq");
        var before = await Snapshot();

        var response = await UraFactory.PostFormAsync(client, Page, new() { ["Input.Json"] = "  " });

        var html = await response.HtmlAsync();
        Assert.Contains($"<li>{factory.Text("Screening.Instruments.Nothing", "sq")}</li>", html, StringComparison.Ordinal);
        Assert.Contains("Treguesit operacionalë të trafikimit të qenieve njerëzore ILO/KE (2009)", html, StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot());
    }

    [Fact]
    public async Task Import_PageValidTextarea_RedirectsAndListsWithStatusInPlainWords()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin, "en");
        var json = TestInstruments.Verified("page-sop", "2026-1");
        json["lists"]!["child_sexual"]!["status"] = "incomplete";

        var response = await UraFactory.PostFormAsync(client, Page, new() { ["Input.Json"] = json.ToJsonString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Page, RedirectPath(response));
        Assert.True(await factory.WithDb(db => db.ScreeningInstruments.AnyAsync(i => i.Key == "page-sop" && i.Version == "2026-1")));
        var html = await (await client.GetAsync(Page + "?imported=true")).HtmlAsync();
        Assert.Contains(factory.Text("Screening.Instruments.Imported"), html, StringComparison.Ordinal);
        Assert.Contains($"{factory.Text("Screening.List.child_sexual")}: {factory.Text("Screening.Status.incomplete")}", html, StringComparison.Ordinal);
        Assert.Contains($"{factory.Text("Screening.List.adult_labour")}: {factory.Text("Screening.Status.unverified")}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_PageFileUpload_Stored()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin, "sq");
        var token = await UraFactory.AntiforgeryTokenAsync(client, Page);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__af" },
            { new StringContent(""), "Input.Json" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(TestInstruments.Verified("file-sop", "1").ToJsonString())), "Input.File", "sop.json" },
        };

        var response = await client.PostAsync(Page, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await factory.WithDb(db => db.ScreeningInstruments.AnyAsync(i => i.Key == "file-sop")));
    }

    [Fact]
    public async Task Import_PageFileTooLarge_ErrorNextToFileFieldNothingStored()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin, "sq");
        var token = await UraFactory.AntiforgeryTokenAsync(client, Page);
        var before = await Snapshot();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__af" },
            { new ByteArrayContent(new byte[InstrumentDocument.MaxLength + 1]), "Input.File", "huge.json" },
        };

        var response = await client.PostAsync(Page, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains($"<ul class=\"field-error\" id=\"Input_File-error\"><li>{factory.Text("Screening.Error.TooLarge", "sq")}</li>",
            html.Replace("\n", "").Replace("  ", ""), StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot());
    }

    [Theory]
    [InlineData("sysadmin", true)]
    [InlineData("caseworker", false)]
    public async Task Navigation_Role_InstrumentsLinkOnlyForSystemAdmin(string login, bool shown)
    {
        var client = await factory.SignInAsync(login == "sysadmin" ? Demo.SystemAdmin : Demo.Email(login));

        var html = await (await client.GetAsync("/")).HtmlAsync();

        Assert.Equal(shown, html.Contains($"href=\"{Page}\"", StringComparison.Ordinal));
    }

    public static TheoryData<string> Logins => [.. DemoData.Logins.Select(l => l.Login), "sysadmin"];

    [Theory]
    [MemberData(nameof(Logins))]
    public async Task Instruments_EachDemoRole_OnlySystemAdminImportsEveryoneLists(string login)
    {
        var systemAdmin = login == "sysadmin";
        var client = await factory.SignInAsync(systemAdmin ? Demo.SystemAdmin : Demo.Email(login));
        var before = await Snapshot();

        var page = await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, Page));
        var list = await client.GetAsync(Url);
        var import = await client.PostAsync(Url, Body(TestInstruments.Verified("matrix-" + login, "1").ToJsonString()));

        Assert.Equal(systemAdmin ? HttpStatusCode.OK : HttpStatusCode.Forbidden, page);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(systemAdmin ? HttpStatusCode.Created : HttpStatusCode.Forbidden, import.StatusCode);
        if (!systemAdmin)
            Assert.Equal(before, await Snapshot());
    }
}
