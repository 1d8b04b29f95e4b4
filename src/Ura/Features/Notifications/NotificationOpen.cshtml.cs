using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ura.Features.Notifications;

/// <summary>
/// Opening a notification: marks it read and goes where it leads, where that page's own access
/// rules apply. A plain link, so it works without JavaScript; someone else's notification is 404.
/// </summary>
public sealed class NotificationOpenModel(NotificationInbox inbox) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await inbox.MarkReadAsync(id, HttpContext.RequestAborted) is not { } opened)
            return NotFound();
        // Links are written by Ura itself, but only ever follow one inside Ura.
        return Url.IsLocalUrl(opened.Link) ? LocalRedirect(opened.Link) : Redirect("/notifications");
    }
}
