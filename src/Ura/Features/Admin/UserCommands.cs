using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Admin;

/// <summary>A user as the admin pages and the API show it. Roles are role names (<see cref="Roles"/>).</summary>
public sealed record UserSummary(
    Guid Id, Guid OrganisationId, string Email, string Name, IReadOnlyList<string> Roles,
    bool IsActive, bool TwoFactorEnabled, bool IsLockedOut);

/// <summary>A new user. The organisation is never part of it: it comes from the signed-in admin (or, for a system admin, the route).</summary>
public sealed record NewUser
{
    [Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), StringLength(256, ErrorMessage = "Validation.TooLong"), Display(Name = "Admin.Users.Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Admin.Users.Name")]
    public string Name { get; set; } = "";

    /// <summary>Role names (<see cref="Platform.Identity.Roles"/>); at least one.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public List<string> Roles { get; set; } = [];
}

/// <summary>The complete set of roles a user should hold afterwards.</summary>
public sealed record RoleChange
{
    [Required(ErrorMessage = "Validation.Required")]
    public List<string> Roles { get; set; } = [];
}

/// <summary>A created user and their one-time password, which exists only in this value.</summary>
public sealed record CreatedUser(UserSummary User, string OneTimePassword);

/// <summary>
/// What organisation admins and the system admin do with user accounts. Every load goes through
/// <see cref="Manageable"/>, so a user of another organisation is simply not found.
/// </summary>
public sealed class UserCommands(UraDbContext db, CurrentUser current, AuditLog audit, UserAccounts accounts, UserManager<User> users)
{
    public const int PageSize = 50;

    /// <summary>Far enough ahead to mean "never", and representable on both databases.</summary>
    private static readonly DateTimeOffset Forever = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string IdentityTokenProvider = "[AspNetUserStore]";

    public bool IsSystemAdmin => current.IsInRole(Roles.SystemAdmin);

    /// <summary>Roles the signed-in admin may hand out: organisation admins never grant SystemAdmin.</summary>
    public IReadOnlyList<string> GrantableRoles => IsSystemAdmin ? Roles.All : [.. Roles.All.Where(r => r != Roles.SystemAdmin)];

    /// <summary>Users the signed-in admin may manage: every user for the system admin, otherwise their own organisation's.</summary>
    private IQueryable<User> Manageable() => IsSystemAdmin ? db.Users : db.Users.OfOwnOrganisation(current);

    /// <summary>
    /// The organisation to work in. Organisation admins always work in their own and any requested one is
    /// ignored; the system admin works in the requested one if it exists (null: not found), else their own.
    /// </summary>
    public async Task<Guid?> OrganisationInScopeAsync(Guid? requested, CancellationToken ct)
    {
        if (!IsSystemAdmin || requested is null || requested == current.OrganisationId)
            return current.RequiredOrganisationId;
        return await db.Organisations.AnyAsync(o => o.Id == requested, ct) ? requested : null;
    }

    public async Task<Paged<UserSummary>> ListAsync(Guid organisationId, int page, CancellationToken ct)
    {
        page = Paged<UserSummary>.Clamp(page);
        var query = Manageable().AsNoTracking().Where(u => u.OrganisationId == organisationId);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new Paged<UserSummary>(await SummariesAsync(rows, ct), page, PageSize, total);
    }

    public async Task<UserSummary?> GetAsync(Guid id, CancellationToken ct)
    {
        var user = await Manageable().AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? null : (await SummariesAsync([user], ct))[0];
    }

    public async Task<CommandResult<CreatedUser>> CreateAsync(Guid? requestedOrganisation, NewUser input, CancellationToken ct)
    {
        var organisationId = await OrganisationInScopeAsync(requestedOrganisation, ct);
        if (organisationId is null)
            return CommandResult<CreatedUser>.NotFound();
        var roles = input.Roles.Distinct().ToList();
        var errors = CheckRoles(roles, target: null, held: []);
        if (errors.Count > 0)
            return CommandResult<CreatedUser>.Refused([.. errors]);

        var password = UserAccounts.NewPassword();
        var result = await accounts.CreateAsync(input.Email, input.Name, organisationId.Value, roles, password, ct);
        if (!result.Succeeded)
            return CommandResult<CreatedUser>.Refused([.. result.Errors.Select(ToRuleError).Distinct()]);
        var email = users.NormalizeEmail(input.Email.Trim());
        var id = await db.Users.Where(u => u.NormalizedEmail == email).Select(u => u.Id).FirstAsync(ct);
        return CommandResult<CreatedUser>.Done(new CreatedUser((await GetAsync(id, ct))!, password));
    }

    public async Task<CommandResult<UserSummary>> ChangeRolesAsync(Guid id, IReadOnlyList<string> roles, CancellationToken ct)
    {
        var (user, held, stop) = await ForChangeAsync(id, ct);
        if (user is null)
            return stop!;
        var requested = roles.Distinct().ToList();
        var errors = CheckRoles(requested, user, held);
        if (errors.Count > 0)
            return CommandResult<UserSummary>.Refused([.. errors]);

        var added = requested.Except(held).ToList();
        var removed = held.Except(requested).ToList();
        if (added.Count + removed.Count == 0)
            return CommandResult<UserSummary>.Done((await GetAsync(id, ct))!);
        var roleIds = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        foreach (var role in added)
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[role] });
        foreach (var role in removed)
            db.UserRoles.Remove(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[role] });
        // The signed-in principal picks up the new roles at the next security stamp check (one minute).
        return await SaveAsync(user, "user.roles.change", $"added={string.Join(",", added)}; removed={string.Join(",", removed)}", ct);
    }

    /// <summary>Ends every session and token at once: sign-in, the stamp check and bearer tokens all refuse an inactive user.</summary>
    public async Task<CommandResult<UserSummary>> DeactivateAsync(Guid id, CancellationToken ct)
    {
        var (user, _, stop) = await ForChangeAsync(id, ct);
        if (user is null)
            return stop!;
        if (user.Id == current.Id)
            return CommandResult<UserSummary>.Refused("", "Admin.Users.NotYourself");
        user.IsActive = false;
        user.LockoutEnabled = true;
        user.LockoutEnd = Forever;
        user.SecurityStamp = NewStamp();
        return await SaveAsync(user, "user.deactivate", null, ct);
    }

    public async Task<CommandResult<UserSummary>> ReactivateAsync(Guid id, CancellationToken ct)
    {
        var (user, _, stop) = await ForChangeAsync(id, ct);
        if (user is null)
            return stop!;
        user.IsActive = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        return await SaveAsync(user, "user.reactivate", null, ct);
    }

    /// <summary>Clears a lockout after failed sign-ins. A deactivated account stays locked until it is reactivated.</summary>
    public async Task<CommandResult<UserSummary>> UnlockAsync(Guid id, CancellationToken ct)
    {
        var (user, _, stop) = await ForChangeAsync(id, ct);
        if (user is null)
            return stop!;
        if (!user.IsActive)
            return CommandResult<UserSummary>.Refused("", "Admin.Users.UnlockInactive");
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        return await SaveAsync(user, "user.unlock", null, ct);
    }

    /// <summary>
    /// For a lost phone: two-factor off, authenticator key and recovery codes gone, sessions ended. At the
    /// next sign-in the enrolment page makes a new key and, where the role requires it, insists on enrolment.
    /// </summary>
    public async Task<CommandResult<UserSummary>> ResetTwoFactorAsync(Guid id, CancellationToken ct)
    {
        var (user, _, stop) = await ForChangeAsync(id, ct);
        if (user is null)
            return stop!;
        user.TwoFactorEnabled = false;
        user.SecurityStamp = NewStamp();
        db.UserTokens.RemoveRange(await db.UserTokens
            .Where(t => t.UserId == user.Id && t.LoginProvider == IdentityTokenProvider && (t.Name == "AuthenticatorKey" || t.Name == "RecoveryCodes"))
            .ToListAsync(ct));
        return await SaveAsync(user, "user.twofactor.reset", null, ct);
    }

    /// <summary>Loads a user the admin may change, with their roles, or the result that says why not.</summary>
    private async Task<(User? User, List<string> Roles, CommandResult<UserSummary>? Stop)> ForChangeAsync(Guid id, CancellationToken ct)
    {
        var user = await Manageable().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
            return (null, [], CommandResult<UserSummary>.NotFound());
        var held = await RoleNamesAsync([id], ct);
        var roles = held.Select(r => r.Role).ToList();
        // A system admin's account is above an organisation admin, even in their own organisation.
        if (!IsSystemAdmin && roles.Contains(Roles.SystemAdmin))
            return (null, roles, CommandResult<UserSummary>.Refused("", "Admin.Users.SystemAdminOnly"));
        return (user, roles, null);
    }

    private List<RuleError> CheckRoles(IReadOnlyList<string> requested, User? target, IReadOnlyList<string> held)
    {
        const string field = nameof(NewUser.Roles);
        if (requested.Count == 0)
            return [new(field, "Admin.Users.RolesRequired")];
        if (requested.Any(r => !Roles.IsKnown(r)))
            return [new(field, "Admin.Users.UnknownRole")];
        if (!IsSystemAdmin && requested.Contains(Roles.SystemAdmin))
            return [new(field, "Admin.Users.SystemAdminNotAllowed")];
        // An admin who removes their own admin role could lock everyone out of administration.
        if (target is not null && target.Id == current.Id
            && held.Any(r => (r is Roles.OrganisationAdmin or Roles.SystemAdmin) && !requested.Contains(r)))
            return [new(field, "Admin.Users.OwnAdminRole")];
        return [];
    }

    private async Task<CommandResult<UserSummary>> SaveAsync(User user, string action, string? detail, CancellationToken ct)
    {
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        audit.Record(action, nameof(User), user.Id, detail, organisationId: user.OrganisationId);
        await db.SaveChangesAsync(ct);
        return CommandResult<UserSummary>.Done((await GetAsync(user.Id, ct))!);
    }

    private async Task<List<UserSummary>> SummariesAsync(List<User> rows, CancellationToken ct)
    {
        var roles = await RoleNamesAsync([.. rows.Select(u => u.Id)], ct);
        var now = DateTimeOffset.UtcNow;
        return
        [
            .. rows.Select(u => new UserSummary(
                u.Id, u.OrganisationId, u.Email ?? "", u.DisplayName,
                [.. Roles.All.Where(r => roles.Contains((u.Id, r)))],
                u.IsActive, u.TwoFactorEnabled,
                // A deactivated account is locked for good; it shows as inactive, not as locked out.
                u.IsActive && u.LockoutEnd > now)),
        ];
    }

    private async Task<List<(Guid UserId, string Role)>> RoleNamesAsync(List<Guid> userIds, CancellationToken ct) =>
        [
            .. (await db.UserRoles.Where(ur => userIds.Contains(ur.UserId))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(ct))
            .Select(x => (x.UserId, x.Name ?? "")),
        ];

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    private static RuleError ToRuleError(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => new(nameof(NewUser.Email), "Identity.DuplicateEmail"),
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => new(nameof(NewUser.Email), "Identity.InvalidEmail"),
        _ => new("", "Identity.DefaultError"),
    };
}
