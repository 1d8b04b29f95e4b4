using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Ura.Platform.Audit;
using Ura.Platform.Data;
using Ura.Platform.Identity;
using Ura.Platform.Localization;
using Ura.Resources;

namespace Ura.Features.Account;

/// <summary>Second step of sign-in: a code from the authenticator app, or a one-time recovery code for a lost phone.</summary>
[AllowAnonymous]
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class LoginTwoFactorModel(SignInManager<User> signIn, AuditLog audit, UraDbContext db, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public string? Error { get; private set; }
    public string ReturnUrl { get; private set; } = "/";
    public bool Recovery { get; private set; }

    public sealed class CodeInput
    {
        [StringLength(12, ErrorMessage = "Validation.Invalid"), Display(Name = "LoginTwoFactor.Code")]
        public string? Code { get; set; }

        [StringLength(20, ErrorMessage = "Validation.Invalid"), Display(Name = "LoginRecovery.Code")]
        public string? RecoveryCode { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string? returnUrl, bool recovery)
    {
        ReturnUrl = Safe(returnUrl);
        Recovery = recovery;
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? LocalRedirect("/account/login") : Page();
    }

    public Task<IActionResult> OnPostAsync(string? returnUrl) =>
        Verify(returnUrl, nameof(CodeInput.Code), Input.Code, "authenticator", "LoginTwoFactor.Invalid",
            code => signIn.TwoFactorAuthenticatorSignInAsync(new string(code.Where(char.IsDigit).ToArray()), isPersistent: false, rememberClient: false));

    public Task<IActionResult> OnPostRecoveryAsync(string? returnUrl)
    {
        Recovery = true;
        return Verify(returnUrl, nameof(CodeInput.RecoveryCode), Input.RecoveryCode, "recovery-code", "LoginRecovery.Invalid",
            code => signIn.TwoFactorRecoveryCodeSignInAsync(code.Replace(" ", "", StringComparison.Ordinal)));
    }

    private async Task<IActionResult> Verify(string? returnUrl, string field, string? code, string method, string invalid,
        Func<string, Task<Microsoft.AspNetCore.Identity.SignInResult>> signInWith)
    {
        ReturnUrl = Safe(returnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
            return LocalRedirect("/account/login?expired=true");
        if (string.IsNullOrWhiteSpace(code))
            ModelState.AddModelError("Input." + field, text["Validation.Required"]);
        if (!ModelState.IsValid)
            return Page();

        var result = await signInWith(code!);
        if (result.Succeeded)
        {
            audit.Record("auth.signin", nameof(User), user.Id, method, user.Id, user.OrganisationId);
            Languages.ApplyAtSignIn(HttpContext, user);
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            return LocalRedirect(ReturnUrl);
        }
        Error = result.IsLockedOut ? "Login.LockedOut" : invalid;
        audit.Record(result.IsLockedOut ? "auth.lockout" : "auth.twofactor.failed", nameof(User), user.Id, method, user.Id, user.OrganisationId);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Page();
    }

    private string Safe(string? url) => url is not null && Url.IsLocalUrl(url) ? url : "/";
}
