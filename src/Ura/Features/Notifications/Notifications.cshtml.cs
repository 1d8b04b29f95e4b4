using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ura.Features.Notifications;

/// <summary>The user's notifications: newest first, open one (marks it read), mark one or all read.</summary>
public sealed class NotificationsModel(NotificationInbox inbox) : PageModel
{
    public NotificationPage List { get; private set; } = null!;
    public bool UnreadOnly { get; private set; }

    public async Task OnGetAsync([FromQuery] int page = 1, [FromQuery] bool unread = false)
    {
        UnreadOnly = unread;
        List = await inbox.ListAsync(page, unread, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostReadAsync([FromForm] Guid id, [FromForm] int page = 1)
    {
        if (await inbox.MarkReadAsync(id, HttpContext.RequestAborted) is null)
            return NotFound();
        return Redirect(page > 1 ? $"/notifications?page={page}" : "/notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await inbox.MarkAllReadAsync(HttpContext.RequestAborted);
        return Redirect("/notifications");
    }
}
