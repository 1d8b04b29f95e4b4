using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;

namespace Ura.Features.Cases;

/// <summary>
/// Something a worker must do on a case by a date: a follow-up, a review, the end of the
/// reflection period. Open tasks past their date are overdue.
/// </summary>
public sealed class CaseTask : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    public CaseTaskKind Kind { get; set; }

    /// <summary>What to do, in the worker's words (may name people, so encrypted).</summary>
    public required string Title { get; set; }

    public DateOnly DueOn { get; set; }
    public Guid AssigneeId { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTime? CompletedAt { get; set; }
    public Guid? CompletedById { get; set; }

    public bool IsOverdue(DateOnly today) => CompletedAt is null && DueOn < today;

    /// <summary>Marks the task done; a task is completed once (the resource key of the refusal otherwise).</summary>
    public string? Complete(Guid by, DateTime at)
    {
        if (CompletedAt is not null)
            return "Tasks.AlreadyCompleted";
        CompletedAt = at;
        CompletedById = by;
        return null;
    }
}

public enum CaseTaskKind
{
    FollowUp,
    Review,
    ReflectionPeriodEnd,
    Other,
}

internal sealed class CaseTaskConfiguration : IEntityTypeConfiguration<CaseTask>
{
    public void Configure(EntityTypeBuilder<CaseTask> e)
    {
        e.Property(t => t.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(t => t.Title).IsEncrypted(FieldClass.FreeText);
        e.HasOne<Case>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Platform.Identity.User>().WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(t => new { t.CaseId, t.DueOn });
        // The "due and overdue" list: a worker's open tasks by date.
        e.HasIndex(t => new { t.AssigneeId, t.CompletedAt, t.DueOn });
    }
}
