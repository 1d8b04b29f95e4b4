using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ura.Features.Cases;

/// <summary>
/// One thing that happened on a case, for the case timeline. Holds no personal data: the action
/// and an optional resource key (a service type, a decision) are shown in the reader's language.
/// </summary>
public sealed class CaseEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }

    /// <summary>What happened, such as <c>note.add</c>; the timeline shows <c>Timeline.note.add</c>.</summary>
    public required string Action { get; set; }

    /// <summary>A resource key qualifying the action, such as <c>ServiceType.Medical</c>.</summary>
    public string? Detail { get; set; }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> e)
    {
        e.Property(x => x.Action).HasMaxLength(60);
        e.Property(x => x.Detail).HasMaxLength(100);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CaseId, x.At });
    }
}
