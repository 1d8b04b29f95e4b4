using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Notifications;

/// <summary><c>/api/v1/notifications</c>: the signed-in user's own notifications.</summary>
public static class NotificationsApi
{
    public static void MapNotificationsApi(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapGet("", List).WithName("ListNotifications").RequireAuthorization()
            .WithSummary("The signed-in user's notifications, newest first, 25 a page (page from 1 to 1000), with the unread count (counted up to 100).");
        notifications.MapPost("/{id:guid}/read", MarkRead).WithName("MarkNotificationRead").RequireAuthorization()
            .WithSummary("Marks one of the user's notifications read; another user's is not found.");
        notifications.MapPost("/read-all", MarkAllRead).WithName("MarkAllNotificationsRead").RequireAuthorization()
            .WithSummary("Marks all the user's unread notifications read; answers how many were.");
    }

    private static async Task<Results<Ok<NotificationPage>, ValidationProblem>> List(
        NotificationInbox inbox, IStringLocalizer<Text> text, CancellationToken ct, int page = 1, bool unreadOnly = false)
    {
        if (page is < 1 or > NotificationInbox.MaxPage)
            return new[] { new RuleError("Page", "Notifications.PageOutOfRange") }.ToProblem(text);
        return TypedResults.Ok(await inbox.ListAsync(page, unreadOnly, ct));
    }

    private static async Task<Results<Ok<NotificationView>, NotFound>> MarkRead(Guid id, NotificationInbox inbox, CancellationToken ct) =>
        await inbox.MarkReadAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Ok<MarkedRead>> MarkAllRead(NotificationInbox inbox, CancellationToken ct) =>
        TypedResults.Ok(await inbox.MarkAllReadAsync(ct));
}
