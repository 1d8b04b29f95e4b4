namespace Ura.Features.Admin;

/// <summary>Previous/next links for a paged list; <c>UrlPrefix</c> ends in <c>?</c> or <c>&amp;</c>, so <c>page=N</c> can follow.</summary>
public sealed record Pager(int Page, int PageCount, string UrlPrefix);

/// <summary>Role checkboxes: the roles this admin may grant, those ticked, and the message for the group.</summary>
public sealed record RoleChoices(IReadOnlyList<string> Grantable, IReadOnlyCollection<string> Selected, string? Error);

/// <summary>
/// The confirmation a page shows after a redirect (<c>?done=Saved</c>). Only known words count, so a
/// crafted link cannot make a page say anything else.
/// </summary>
public static class Done
{
    private static readonly HashSet<string> Known = ["Added", "Saved", "Deactivated", "Reactivated", "Unlocked", "TwoFactorReset"];

    public static string? MessageKey(string? done) => done is not null && Known.Contains(done) ? "Admin.Done." + done : null;
}
