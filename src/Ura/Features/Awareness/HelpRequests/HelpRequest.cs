using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Crypto;
using Ura.Platform.Identity;

namespace Ura.Features.Awareness.HelpRequests;

/// <summary>
/// An anonymous request for help sent from the public form. It belongs to a country: every
/// organisation of that country that receives help requests sees it until one of them handles it;
/// from then on only the handling organisation does. Nothing about the sender's connection (address,
/// browser) is kept.
/// </summary>
public sealed class HelpRequest
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string CountryCode { get; set; }

    /// <summary>The language the person asks to be answered in (a <see cref="Platform.Localization.Languages"/> code).</summary>
    public required string Language { get; set; }

    /// <summary>What happened, in the person's words.</summary>
    public required string Account { get; set; }

    /// <summary>How to reach them safely, if at all.</summary>
    public string? SafeContact { get; set; }

    public DangerNow Danger { get; set; }
    public DateTime ReceivedAt { get; set; }

    public HelpRequestStatus Status { get; set; } = HelpRequestStatus.New;
    public Guid? HandledByOrganisationId { get; set; }
    public Guid? HandledById { get; set; }
    public DateTime? HandledAt { get; set; }

    /// <summary>The screening opened from this request (in the handling organisation).</summary>
    public Guid? ScreeningId { get; set; }

    /// <summary>The case opened from this request (in the handling organisation).</summary>
    public Guid? CaseId { get; set; }

    /// <summary>Why it was closed without action; may repeat what the person wrote, so encrypted.</summary>
    public string? CloseReason { get; set; }

    public bool IsNew => Status == HelpRequestStatus.New;
}

/// <summary>The sender's answer to "are you in danger now?".</summary>
public enum DangerNow
{
    Yes,
    No,
    NotSure,
}

/// <summary>Where a request stands: new, or handled in one of three ways.</summary>
public enum HelpRequestStatus
{
    New,
    ScreeningOpened,
    CaseOpened,
    Closed,
}

internal sealed class HelpRequestConfiguration : IEntityTypeConfiguration<HelpRequest>
{
    public void Configure(EntityTypeBuilder<HelpRequest> e)
    {
        e.ToTable("HelpRequests");
        e.Property(r => r.CountryCode).HasMaxLength(2);
        e.Property(r => r.Language).HasMaxLength(10);
        e.Property(r => r.Account).IsEncrypted(FieldClass.HelpRequest);
        e.Property(r => r.SafeContact!).IsEncrypted(FieldClass.Contact);
        e.Property(r => r.CloseReason!).IsEncrypted(FieldClass.HelpRequest);
        e.Property(r => r.Danger).HasConversion<string>().HasMaxLength(10);
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        e.HasOne<Country>().WithMany().HasForeignKey(r => r.CountryCode).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organisation>().WithMany().HasForeignKey(r => r.HandledByOrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Identification.Screening>().WithMany().HasForeignKey(r => r.ScreeningId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Cases.Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        // The inbox (country, status, newest first) and the daily cap (country, day).
        e.HasIndex(r => new { r.CountryCode, r.Status, r.ReceivedAt });
        e.HasIndex(r => new { r.CountryCode, r.ReceivedAt });
        e.HasIndex(r => r.HandledByOrganisationId);
        e.HasIndex(r => r.ScreeningId);
        e.HasIndex(r => r.CaseId);
    }
}
