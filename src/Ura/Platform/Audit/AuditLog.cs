using Ura.Platform.Authorization;
using Ura.Platform.Data;

namespace Ura.Platform.Audit;

/// <summary>
/// Records audit events for the current request. <see cref="Record"/> adds the event to the unit of
/// work, so it is saved in the same transaction as the change it describes.
/// </summary>
public sealed class AuditLog(UraDbContext db, CurrentUser user)
{
    public void Record(string action, string? entityType = null, object? entityId = null, string? detail = null,
        Guid? userId = null, Guid? organisationId = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            At = AuditEvent.Truncate(DateTime.UtcNow),
            UserId = userId ?? user.Id,
            OrganisationId = organisationId ?? user.OrganisationId,
            Action = action,
            EntityType = entityType,
            EntityId = entityId?.ToString(),
            Detail = detail,
            ClientAddress = user.ClientAddress,
            PreviousHash = "",
            Hash = "",
        });

    /// <summary>Records a read of protected data and saves it at once.</summary>
    public async Task ReadAsync(string entityType, object entityId, CancellationToken ct)
    {
        Record("read", entityType, entityId);
        await db.SaveChangesAsync(ct);
    }
}
