using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ura.Features.Reports.Exports;

/// <summary>
/// One export asked for by one user and produced in the background: queued, running (with its
/// progress), done or failed. The file is encrypted at rest, downloadable only by the requester, and
/// removed (with the run) once it expires.
/// </summary>
public sealed class ExportRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public ExportKind Kind { get; set; }
    public Guid RequestedById { get; set; }
    public Guid OrganisationId { get; set; }

    /// <summary>The requester's country (ISO alpha-2): the CTDC export covers its cases.</summary>
    public required string CountryCode { get; set; }

    /// <summary>What was asked for, as the requester gave it (the HTCDS export's reason).</summary>
    public string? Reason { get; set; }

    public ExportStatus Status { get; set; } = ExportStatus.Queued;

    /// <summary>0 to 100.</summary>
    public int Progress { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>Finished + the node's export lifetime; after it the file is gone.</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>How many cases the export covers (rows of the CTDC file, persons of the HTCDS file).</summary>
    public int? CaseCount { get; set; }

    /// <summary>The k the CTDC file was checked against, the smallest group found in it, and whether the check passed.</summary>
    public int? VerifiedK { get; set; }
    public int? SmallestGroup { get; set; }
    public bool? VerificationPassed { get; set; }

    public string? FileName { get; set; }
    public string? ContentType { get; set; }

    /// <summary>The file, encrypted; null until done and again once expired.</summary>
    public byte[]? EncryptedContent { get; set; }

    public bool IsFinished => Status is ExportStatus.Done or ExportStatus.Failed;

    /// <summary>Whether the file may be handed out: produced, not expired and (for CTDC) verified.</summary>
    public bool IsDownloadable(DateTime now) =>
        Status == ExportStatus.Done && EncryptedContent is not null && ExpiresAt > now && VerificationPassed != false;
}

public enum ExportKind
{
    /// <summary>The Counter Trafficking Data Collaborative k-anonymised global dataset format.</summary>
    Ctdc,

    /// <summary>The organisation's own cases in the Human Trafficking Case Data Standard, for data portability.</summary>
    Htcds,
}

public enum ExportStatus
{
    Queued,
    Running,
    Done,
    Failed,
}

internal sealed class ExportRunConfiguration : IEntityTypeConfiguration<ExportRun>
{
    public void Configure(EntityTypeBuilder<ExportRun> e)
    {
        e.ToTable("ExportRuns");
        e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.CountryCode).HasMaxLength(2);
        e.Property(r => r.Reason).HasMaxLength(500);
        e.Property(r => r.FileName).HasMaxLength(100);
        e.Property(r => r.ContentType).HasMaxLength(100);
        e.HasOne<Platform.Identity.User>().WithMany().HasForeignKey(r => r.RequestedById).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.RequestedById, r.CreatedAt });
        e.HasIndex(r => new { r.Status, r.CreatedAt });
        e.HasIndex(r => r.ExpiresAt);
    }
}
