using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Resources;

namespace Ura.Features.Notifications;

/// <summary>A notification as its owner sees it: the localised text of its kind and where it leads.</summary>
public sealed record NotificationView(Guid Id, string Kind, string Text, string Link, DateTime CreatedAt, DateTime? ReadAt);

/// <summary>One page of notifications, newest first; <see cref="HasMore"/> says whether an older page follows.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, int Page, bool HasMore, int Unread);

public sealed record MarkedRead(int Count);

/// <summary>
/// The signed-in user's own notifications: the bell's count, the list, marking read. Every query
/// filters on the user's id, so somebody else's notification is simply not found.
/// </summary>
public sealed class NotificationInbox(UraDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<Text> text)
{
    public const int PageSize = 25;

    /// <summary>The bell counts no further: "99+" tells enough and keeps the query short.</summary>
    public const int CountLimit = 100;

    public const int MaxPage = 1000;

    private Guid Me => user.Id ?? Guid.Empty;

    private IQueryable<Notification> Mine => db.Notifications.Where(n => n.UserId == Me);

    /// <summary>Unread notifications, at most <see cref="CountLimit"/> (the (UserId, ReadAt, CreatedAt) index answers it).</summary>
    public Task<int> UnreadCountAsync(CancellationToken ct) =>
        Mine.Where(n => n.ReadAt == null).OrderBy(n => n.CreatedAt).Take(CountLimit).CountAsync(ct);

    public async Task<NotificationPage> ListAsync(int page, bool unreadOnly, CancellationToken ct)
    {
        page = Math.Clamp(page, 1, MaxPage);
        var query = Mine.AsNoTracking();
        if (unreadOnly)
            query = query.Where(n => n.ReadAt == null);
        // One row more than a page tells whether another follows, without counting.
        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        return new NotificationPage([.. rows.Take(PageSize).Select(View)], page, rows.Count > PageSize, await UnreadCountAsync(ct));
    }

    /// <summary>Marks one of the user's notifications read (again is harmless); null when it is not theirs.</summary>
    public async Task<NotificationView?> MarkReadAsync(Guid id, CancellationToken ct)
    {
        if (await Mine.SingleOrDefaultAsync(n => n.Id == id, ct) is not { } found)
            return null;
        found.ReadAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return View(found);
    }

    public async Task<MarkedRead> MarkAllReadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new MarkedRead(await Mine.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct));
    }

    private NotificationView View(Notification n) =>
        new(n.Id, n.Kind, text["Notification." + n.Kind], n.Link, n.CreatedAt, n.ReadAt);
}
