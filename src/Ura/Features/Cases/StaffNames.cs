using Microsoft.EntityFrameworkCore;
using Ura.Platform.Data;

namespace Ura.Features.Cases;

/// <summary>The names of the staff who did things on a case, read in one query for a whole list.</summary>
public static class StaffNames
{
    /// <summary>Display names by user id; null ids (nobody) are skipped.</summary>
    public static async Task<Dictionary<Guid, string>> StaffNamesAsync(this UraDbContext db, IEnumerable<Guid?> userIds, CancellationToken ct)
    {
        var ids = userIds.OfType<Guid>().Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}
