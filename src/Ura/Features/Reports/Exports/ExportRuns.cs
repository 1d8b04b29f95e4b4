using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Features.Admin;
using Ura.Platform;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Reports.Exports;

/// <summary>What an export run looks like to its requester (never the file itself).</summary>
public sealed record ExportRunView(Guid Id, ExportKind Kind, ExportStatus Status, int Progress, DateTime CreatedAt, DateTime? FinishedAt,
    DateTime? ExpiresAt, bool Expired, int? CaseCount, int? VerifiedK, int? SmallestGroup, bool? VerificationPassed, bool Downloadable, string? FileName);

/// <summary>Asking for an export: <c>Ctdc</c> (national coordinators) or <c>Htcds</c> (supervisors, with a reason of 1-500 characters).</summary>
public sealed class ExportInput
{
    [Required(ErrorMessage = "Exports.KindRequired")]
    public string? Kind { get; set; }

    [StringLength(500, ErrorMessage = "Exports.ReasonTooLong"), Display(Name = "Exports.Reason")]
    public string? Reason { get; set; }
}

/// <summary>The downloadable file of a run, decrypted for its requester.</summary>
public sealed record ExportDownload(byte[] Content, string FileName, string ContentType);

/// <summary>
/// Export runs for the signed-in user: ask for one, list and read one's own, download one's own file.
/// Another user's run is never found (404), whatever their role or organisation.
/// </summary>
public sealed class ExportRuns(UraDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock, IDataProtectionProvider protection, IOptions<UraOptions> options)
{
    /// <summary>The Data Protection purpose of export files, apart from every personal field's.</summary>
    public const string Purpose = "Ura.Field.Export";

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public int K => options.Value.Reports.CtdcK;

    public static bool MayRequest(CurrentUser user, ExportKind kind) => kind switch
    {
        ExportKind.Ctdc => user.IsInRole(Roles.NationalCoordinator),
        ExportKind.Htcds => user.IsInRole(Roles.Supervisor),
        _ => false,
    };

    /// <summary>The kinds the user may ask for.</summary>
    public IReadOnlyList<ExportKind> Allowed => [.. Enum.GetValues<ExportKind>().Where(k => MayRequest(user, k))];

    /// <summary>
    /// Queues an export. Null when the user's role may not ask for that kind (answer 403); a refusal for
    /// an unknown kind or a missing HTCDS reason. The request is audited.
    /// </summary>
    public async Task<CommandResult<ExportRunView>?> RequestAsync(ExportInput input, CancellationToken ct)
    {
        if (!Enum.TryParse<ExportKind>(input.Kind, ignoreCase: false, out var kind) || !Enum.IsDefined(kind) || int.TryParse(input.Kind, out _))
            return CommandResult<ExportRunView>.Refused("Kind", "Exports.UnknownKind");
        if (!MayRequest(user, kind))
            return null;
        var reason = input.Reason?.Trim();
        if (kind == ExportKind.Htcds && string.IsNullOrEmpty(reason))
            return CommandResult<ExportRunView>.Refused("Reason", "Exports.ReasonRequired");
        if (reason is { Length: > 500 })
            return CommandResult<ExportRunView>.Refused("Reason", "Exports.ReasonTooLong");
        var organisationId = user.RequiredOrganisationId;
        var country = user.CountryCode ?? await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.CountryCode).SingleAsync(ct);
        var run = new ExportRun
        {
            Kind = kind,
            RequestedById = user.RequiredId,
            OrganisationId = organisationId,
            CountryCode = country,
            Reason = kind == ExportKind.Htcds ? reason : null,
            CreatedAt = Now,
        };
        db.Set<ExportRun>().Add(run);
        audit.Record("export.request", nameof(ExportRun), run.Id, $"kind={kind}" + (run.Reason is null ? "" : $"; reason={run.Reason}"));
        await db.SaveChangesAsync(ct);
        return CommandResult<ExportRunView>.Done(View(run));
    }

    /// <summary>The user's own runs, newest first.</summary>
    public async Task<IReadOnlyList<ExportRunView>> MineAsync(CancellationToken ct)
    {
        var me = user.RequiredId;
        var runs = await db.Set<ExportRun>().AsNoTracking().Where(r => r.RequestedById == me).OrderByDescending(r => r.CreatedAt).Take(50)
            .Select(r => new ExportRun
            {
                Id = r.Id, Kind = r.Kind, RequestedById = r.RequestedById, OrganisationId = r.OrganisationId, CountryCode = r.CountryCode,
                Status = r.Status, Progress = r.Progress, CreatedAt = r.CreatedAt, FinishedAt = r.FinishedAt, ExpiresAt = r.ExpiresAt,
                CaseCount = r.CaseCount, VerifiedK = r.VerifiedK, SmallestGroup = r.SmallestGroup, VerificationPassed = r.VerificationPassed,
                FileName = r.FileName, EncryptedContent = r.EncryptedContent == null ? null : Array.Empty<byte>(),
            })
            .ToListAsync(ct);
        return [.. runs.Select(View)];
    }

    /// <summary>One of the user's own runs; null when it is not theirs or does not exist.</summary>
    public async Task<ExportRunView?> OneAsync(Guid id, CancellationToken ct)
    {
        var me = user.RequiredId;
        var run = await db.Set<ExportRun>().AsNoTracking().Where(r => r.Id == id && r.RequestedById == me)
            .Select(r => new ExportRun
            {
                Id = r.Id, Kind = r.Kind, RequestedById = r.RequestedById, OrganisationId = r.OrganisationId, CountryCode = r.CountryCode,
                Status = r.Status, Progress = r.Progress, CreatedAt = r.CreatedAt, FinishedAt = r.FinishedAt, ExpiresAt = r.ExpiresAt,
                CaseCount = r.CaseCount, VerifiedK = r.VerifiedK, SmallestGroup = r.SmallestGroup, VerificationPassed = r.VerificationPassed,
                FileName = r.FileName, EncryptedContent = r.EncryptedContent == null ? null : Array.Empty<byte>(),
            })
            .SingleOrDefaultAsync(ct);
        return run is null ? null : View(run);
    }

    /// <summary>
    /// The file of one of the user's own runs, when it may be handed out (done, verified, not expired);
    /// null otherwise (404). Every download is audited.
    /// </summary>
    public async Task<ExportDownload?> DownloadAsync(Guid id, CancellationToken ct)
    {
        var me = user.RequiredId;
        var run = await db.Set<ExportRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.RequestedById == me, ct);
        if (run is null || !run.IsDownloadable(Now))
            return null;
        audit.Record("export.download", nameof(ExportRun), run.Id, $"kind={run.Kind}; cases={run.CaseCount}");
        await db.SaveChangesAsync(ct);
        return new ExportDownload(protection.CreateProtector(Purpose).Unprotect(run.EncryptedContent!), run.FileName!, run.ContentType!);
    }

    private ExportRunView View(ExportRun r)
    {
        var expired = r.ExpiresAt is { } at && at <= Now;
        return new(r.Id, r.Kind, r.Status, r.Progress, r.CreatedAt, r.FinishedAt, r.ExpiresAt, expired, r.CaseCount, r.VerifiedK, r.SmallestGroup,
            r.VerificationPassed, r.IsDownloadable(Now), r.FileName);
    }
}
