using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Features.Reports.Exports;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Reports.ExportsTestSupport;

namespace Ura.Tests.Reports;

/// <summary>
/// Exports end to end: asked for through the API, produced by the job (run directly), progress to 100,
/// the CTDC file of the demo data passing the k check with every eligible case in it, the HTCDS zip,
/// the notification, the audit entries, and expiry.
/// </summary>
public sealed class ExportsTests(ClockedUraFactory factory) : IClassFixture<ClockedUraFactory>
{
    /// <summary>The cases the CTDC export of Albania must hold, counted here on their own.</summary>
    private Task<int> EligibleAlbanianCasesAsync()
    {
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        return factory.WithDb(db => db.Cases.CountAsync(c => db.Organisations.Any(o => o.Id == c.OrganisationId && o.CountryCode == "AL")
            && c.TraffickingStatus != TraffickingStatus.NotAVictimOfTrafficking
            && db.Consents.Any(s => s.CaseId == c.Id && s.ResearchUse && s.GivenOn <= today && s.WithdrawnOn == null)));
    }

    [Fact]
    public async Task CtdcExport_DemoData_PassesKWithEveryCaseAndDownloads()
    {
        await factory.SeedCasesAsync(600);
        var coordinator = await factory.SignInAsync(Demo.Coordinator);

        var queued = await RequestedAsync(coordinator, "Ctdc");
        Assert.Equal(ExportStatus.Queued, queued.Status);
        Assert.Equal(0, queued.Progress);
        Assert.False(queued.Downloadable);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"{Api}/{queued.Id}/file")).StatusCode);
        await factory.RunJobAsync();

        var run = await RunAsync(coordinator, queued.Id);
        Assert.Equal(ExportStatus.Done, run.Status);
        Assert.Equal(100, run.Progress);
        Assert.True(run.VerificationPassed);
        Assert.Equal(11, run.VerifiedK);
        Assert.True(run.SmallestGroup >= 11);
        var eligible = await EligibleAlbanianCasesAsync();
        Assert.True(eligible >= 11, $"the demo should give Albania enough cases, got {eligible}");
        Assert.Equal(eligible, run.CaseCount);

        var file = await coordinator.GetAsync($"{Api}/{queued.Id}/file");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType!.MediaType);
        var csv = await file.Content.ReadAsByteArrayAsync();
        var lines = Csv.Read(csv);
        Assert.Equal(CtdcDataset.Columns, lines[0]);
        Assert.Equal(eligible, lines.Count - 1);
        var check = KAnonymityCheck.Verify(csv, CtdcDataset.Columns, 11);
        Assert.True(check.Passed, check.Problem);
        // Every subset of the published columns is then k-anonymous too; check the demographic one CTDC users query most.
        Assert.True(KAnonymityCheck.Verify(csv, ["gender", "ageBroad", "citizenship", "CountryOfExploitation"], 11).Passed);

        var audit = await factory.WithDb(db => db.AuditEvents.Where(a => a.EntityId == queued.Id.ToString()).Select(a => new { a.Action, a.Detail }).ToListAsync());
        Assert.Contains(audit, a => a.Action == "export.request");
        Assert.Contains(audit, a => a.Action == "export.ctdc" && a.Detail!.Contains($"cases={eligible}", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == "export.download");
        var coordinatorId = await factory.WithDb(db => db.Users.Where(u => u.Email == Demo.Coordinator).Select(u => u.Id).SingleAsync());
        Assert.True(await factory.WithDb(db => db.Notifications.AnyAsync(n => n.UserId == coordinatorId && n.Kind == "export.ready" && n.Link == $"/reports/exports/{queued.Id}")));
    }

    [Fact]
    public async Task Job_ProgressWrittenWhileRunning_ReachesHundred()
    {
        var coordinator = await factory.SignInAsync(Demo.Coordinator, "sq");
        var queued = await RequestedAsync(coordinator, "Ctdc");

        // A run left "running" by a process that stopped is taken up again by the next round.
        await factory.WithDb(db => db.Set<ExportRun>().Where(r => r.Id == queued.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ExportStatus.Running).SetProperty(r => r.Progress, 40)));
        var page = await coordinator.GetStringAsync("/reports/exports");
        Assert.Contains($"<progress id=\"progress-{queued.Id}\" max=\"100\" value=\"40\"", page, StringComparison.Ordinal);
        // Each bar is named after its run, so several unfinished runs are told apart by a screen reader.
        var requested = queued.CreatedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"aria-label=\"Përparimi: Të dhënat CTDC, kërkuar më {requested} UTC\"", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        // No timed reload (WCAG 2.2.1, axe's meta-refresh): the page says how to follow the run instead.
        Assert.DoesNotContain("http-equiv=\"refresh\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"unfinished\"", page, StringComparison.Ordinal);
        var one = await coordinator.GetStringAsync($"/reports/exports/{queued.Id}");
        Assert.DoesNotContain("http-equiv=\"refresh\"", one, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/reports/exports/{queued.Id}\">", one, StringComparison.Ordinal);
        await factory.RunJobAsync();

        var run = await RunAsync(coordinator, queued.Id);
        Assert.Equal(ExportStatus.Done, run.Status);
        Assert.Equal(100, run.Progress);
        var after = await coordinator.GetStringAsync($"/reports/exports/{queued.Id}");
        Assert.DoesNotContain("<progress", after, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"unfinished\"", after, StringComparison.Ordinal);
        Assert.Contains("id=\"download\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtcdsExport_Supervisor_ZipWithOneCsvPerEntityAndAudited()
    {
        await factory.SeedCasesAsync(600);
        var supervisor = await factory.SignInAsync(Demo.Supervisor);
        var queued = await RequestedAsync(supervisor, "Htcds", "Moving our cases to the new national system");
        await factory.RunJobAsync();

        var run = await RunAsync(supervisor, queued.Id);
        Assert.Equal(ExportStatus.Done, run.Status);
        Assert.Null(run.VerificationPassed);
        var organisationId = await factory.WithDb(db => db.Users.Where(u => u.Email == Demo.Supervisor).Select(u => u.OrganisationId).SingleAsync());
        var own = await factory.WithDb(db => db.Cases.CountAsync(c => c.OrganisationId == organisationId));
        Assert.Equal(own, run.CaseCount);

        var file = await supervisor.GetAsync($"{Api}/{queued.Id}/file");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        using var zip = new ZipArchive(await file.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Equal(["case.csv", "consent.csv", "historic_trafficking_event.csv", "person.csv", "support_plan.csv", "victim.csv"],
            zip.Entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        using var person = new MemoryStream();
        await zip.GetEntry("person.csv")!.Open().CopyToAsync(person);
        var persons = Csv.Read(person.ToArray());
        Assert.Contains("prs_FirstName", persons[0]);
        Assert.Contains("prs_Gender", persons[0]);
        Assert.Equal(own, persons.Count - 1);
        // Decrypted through the usual accessors: the names are the people's names, not cipher text.
        var name = await factory.WithDb(db => db.Persons.Where(p => p.OrganisationId == organisationId).Select(p => p.GivenNames).FirstAsync());
        Assert.Contains(persons.Skip(1), row => row[1] == name);

        var audit = await factory.WithDb(db => db.AuditEvents.Where(a => a.EntityId == queued.Id.ToString()).Select(a => new { a.Action, a.Detail }).ToListAsync());
        Assert.Contains(audit, a => a.Action == "export.request" && a.Detail!.Contains("reason=Moving our cases", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == "export.htcds" && a.Detail!.Contains($"cases={own}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExpiredRun_FileGoneWithClearMessage()
    {
        var coordinator = await factory.SignInAsync(Demo.Coordinator);
        var queued = await RequestedAsync(coordinator, "Ctdc");
        await factory.RunJobAsync();
        Assert.True((await RunAsync(coordinator, queued.Id)).Downloadable);

        factory.Clock.Advance(TimeSpan.FromHours(25));
        await factory.RunJobAsync();

        coordinator = await factory.SignInAsync(Demo.Coordinator);
        Assert.Null(await factory.WithDb(db => db.Set<ExportRun>().Where(r => r.Id == queued.Id).Select(r => r.EncryptedContent).SingleAsync()));
        var run = await RunAsync(coordinator, queued.Id);
        Assert.True(run.Expired);
        Assert.False(run.Downloadable);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"{Api}/{queued.Id}/file")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/reports/exports/{queued.Id}/file")).StatusCode);
        Assert.Contains("id=\"expired\"", await coordinator.GetStringAsync($"/reports/exports/{queued.Id}"), StringComparison.Ordinal);

        // A day after expiry the run itself is gone.
        factory.Clock.Advance(TimeSpan.FromDays(1));
        await factory.RunJobAsync();
        Assert.False(await factory.WithDb(db => db.Set<ExportRun>().AnyAsync(r => r.Id == queued.Id)));
        factory.Clock.Advance(-TimeSpan.FromHours(49));
    }

    [Fact]
    public async Task StoredFile_IsEncrypted()
    {
        var coordinator = await factory.SignInAsync(Demo.Coordinator);
        var queued = await RequestedAsync(coordinator, "Ctdc");
        await factory.RunJobAsync();

        var stored = await factory.WithDb(db => db.Set<ExportRun>().Where(r => r.Id == queued.Id).Select(r => r.EncryptedContent).SingleAsync());
        var plain = await (await coordinator.GetAsync($"{Api}/{queued.Id}/file")).Content.ReadAsByteArrayAsync();
        Assert.NotNull(stored);
        Assert.DoesNotContain("yearOfRegistration", System.Text.Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
        Assert.StartsWith("yearOfRegistration", System.Text.Encoding.UTF8.GetString(plain), StringComparison.Ordinal);
    }
}
