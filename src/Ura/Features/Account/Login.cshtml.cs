using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Ura.Platform.Audit;
using Ura.Platform.Data;
using Ura.Platform.Identity;
using Ura.Platform.Localization;

namespace Ura.Features.Account;

[AllowAnonymous]
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class LoginModel(SignInManager<User> signIn, UserManager<User> users, AuditLog audit, UraDbContext db) : PageModel
{
    // Hashing against a throwaway hash for unknown addresses makes them take as long as wrong passwords,
    // so response times do not reveal who has an account.
    private static readonly Lazy<string> ThrowawayHash = new(() => new PasswordHasher<User>().HashPassword(new User(), Guid.NewGuid().ToString()));

    [BindProperty]
    public Credentials Input { get; set; } = new();

    public string? Error { get; private set; }
    public bool Expired { get; private set; }
    public string ReturnUrl { get; private set; } = "/";

    public sealed class Credentials
    {
        [Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), Display(Name = "Login.Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Login.Password")]
        public string Password { get; set; } = "";
    }

    public void OnGet(string? returnUrl, bool expired)
    {
        ReturnUrl = Safe(returnUrl);
        Expired = expired;
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = Safe(returnUrl);
        if (!ModelState.IsValid)
            return Page();

        var user = await users.FindByEmailAsync(Input.Email);
        if (user is not { IsActive: true })
        {
            users.PasswordHasher.VerifyHashedPassword(new User(), ThrowawayHash.Value, Input.Password);
            Error = "Login.Failed";
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            audit.Record("auth.signin", nameof(User), user.Id, "password", user.Id, user.OrganisationId);
            Languages.ApplyAtSignIn(HttpContext, user);
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            return LocalRedirect(ReturnUrl);
        }
        if (result.RequiresTwoFactor)
            return LocalRedirect("/account/login/two-factor?returnUrl=" + Uri.EscapeDataString(ReturnUrl));

        Error = result.IsLockedOut ? "Login.LockedOut" : "Login.Failed";
        audit.Record(result.IsLockedOut ? "auth.lockout" : "auth.signin.failed", nameof(User), user.Id, "password", user.Id, user.OrganisationId);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Page();
    }

    private string Safe(string? url) => url is not null && Url.IsLocalUrl(url) ? url : "/";
}
