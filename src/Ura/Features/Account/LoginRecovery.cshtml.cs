using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Audit;
using Ura.Platform.Data;
using Ura.Platform.Identity;
using Ura.Platform.Localization;

namespace Ura.Features.Account;

/// <summary>Second step of sign-in with a one-time recovery code, for a lost phone.</summary>
[AllowAnonymous]
public sealed class LoginRecoveryModel(SignInManager<User> signIn, AuditLog audit, UraDbContext db) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public string? Error { get; private set; }
    public string ReturnUrl { get; private set; } = "/";

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(20, ErrorMessage = "Validation.Invalid"), Display(Name = "LoginRecovery.Code")]
        public string Code { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = Safe(returnUrl);
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? LocalRedirect("/account/login") : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = Safe(returnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
            return LocalRedirect("/account/login?expired=true");
        if (!ModelState.IsValid)
            return Page();

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Input.Code.Replace(" ", "", StringComparison.Ordinal));
        if (result.Succeeded)
        {
            audit.Record("auth.signin", nameof(User), user.Id, "recovery-code", user.Id, user.OrganisationId);
            Languages.ApplyAtSignIn(HttpContext, user);
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            return LocalRedirect(ReturnUrl);
        }
        Error = result.IsLockedOut ? "Login.LockedOut" : "LoginRecovery.Invalid";
        audit.Record(result.IsLockedOut ? "auth.lockout" : "auth.twofactor.failed", nameof(User), user.Id, "recovery-code", user.Id, user.OrganisationId);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Page();
    }

    private string Safe(string? url) => url is not null && Url.IsLocalUrl(url) ? url : "/";
}
