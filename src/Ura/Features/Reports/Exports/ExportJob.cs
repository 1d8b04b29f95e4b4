using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Features.Notifications;
using Ura.Platform;
using Ura.Platform.Audit;
using Ura.Platform.Data;
using Ura.Platform.Jobs;

namespace Ura.Features.Reports.Exports;

/// <summary>
/// Produces queued export runs one after the other, writing their progress as it goes, and removes
/// expired files and runs. Runs under the job lease, so one process at a time does this; a run found
/// running when a round starts was left by a process that stopped, and is started again.
/// </summary>
public sealed class ExportJob(UraDbContext db, TimeProvider clock, IDataProtectionProvider protection, IOptions<UraOptions> options,
    CtdcExport ctdc, HtcdsExport htcds, Notifier notifier, AuditLog audit, ILogger<ExportJob> log) : IJob
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DbSet<ExportRun> Runs => db.Set<ExportRun>();

    public async Task RunAsync(CancellationToken ct)
    {
        await Runs.Where(r => r.Status == ExportStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ExportStatus.Queued).SetProperty(r => r.Progress, 0), ct);
        while (await Runs.AsNoTracking().Where(r => r.Status == ExportStatus.Queued).OrderBy(r => r.CreatedAt).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct) is { } id)
            await ProduceAsync(id, ct);
        await RemoveExpiredAsync(ct);
    }

    private async Task ProduceAsync(Guid id, CancellationToken ct)
    {
        if (await Runs.Where(r => r.Id == id && r.Status == ExportStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ExportStatus.Running).SetProperty(r => r.StartedAt, Now).SetProperty(r => r.Progress, 1), ct) != 1)
            return;
        var run = await Runs.SingleAsync(r => r.Id == id, ct);
        Task Progress(int percent) => Runs.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Progress, Math.Clamp(percent, 1, 99)), ct);
        var today = DateOnly.FromDateTime(Now);
        try
        {
            var file = run.Kind == ExportKind.Ctdc
                ? await ctdc.ProduceAsync(run, options.Value.Reports.CtdcK, today, Progress, ct)
                : await htcds.ProduceAsync(run, today, Progress, ct);
            run.EncryptedContent = protection.CreateProtector(ExportRuns.Purpose).Protect(file.Content);
            run.FileName = file.FileName;
            run.ContentType = file.ContentType;
            run.CaseCount = file.CaseCount;
            if (file.Verification is { } check)
            {
                run.VerifiedK = check.K;
                run.SmallestGroup = check.SmallestGroup;
                run.VerificationPassed = check.Passed;
            }
            run.Status = file.Verification is { Passed: false } ? ExportStatus.Failed : ExportStatus.Done;
            // A bulk read of case content: one entry for the export, with how many cases it holds (as the task list does).
            audit.Record(run.Kind == ExportKind.Ctdc ? "export.ctdc" : "export.htcds", nameof(ExportRun), run.Id,
                $"cases={file.CaseCount}" + (run.Reason is null ? "" : $"; reason={run.Reason}") + (file.Verification is { } v ? $"; k={v.K}; smallest={v.SmallestGroup}; passed={v.Passed}" : ""),
                userId: run.RequestedById, organisationId: run.OrganisationId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Export run {Run} ({Kind}) failed", run.Id, run.Kind);
            run.Status = ExportStatus.Failed;
            run.EncryptedContent = null;
        }
        run.Progress = 100;
        run.FinishedAt = Now;
        run.ExpiresAt = run.FinishedAt + options.Value.Reports.ExportLifetime;
        notifier.Notify([run.RequestedById], run.Status == ExportStatus.Done ? "export.ready" : "export.failed", $"/reports/exports/{run.Id}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Expired files go at once; the run itself stays a day longer, so its requester reads that it expired.</summary>
    private async Task RemoveExpiredAsync(CancellationToken ct)
    {
        var now = Now;
        await Runs.Where(r => r.ExpiresAt <= now && r.EncryptedContent != null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.EncryptedContent, (byte[]?)null), ct);
        var forgotten = now.AddDays(-1);
        await Runs.Where(r => r.ExpiresAt <= forgotten).ExecuteDeleteAsync(ct);
    }
}
