using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Account;

/// <summary>Enrolment in TOTP two-factor sign-in, recovery codes, and reset.</summary>
[AccountSetupPage(AccountSetupStep.TwoFactor)]
public sealed class TwoFactorModel(UserManager<User> users, SignInManager<User> signIn, AuditLog audit, UraDbContext db) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public bool Required { get; private set; }
    public bool Enabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string FormattedKey { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    public string? Error { get; private set; }
    public string? Message { get; private set; }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(12, ErrorMessage = "Validation.Invalid"), Display(Name = "LoginTwoFactor.Code")]
        public string Code { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(bool required)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return NotFound();
        Required = required;
        await Load(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return NotFound();
        if (user.TwoFactorEnabled)
            return LocalRedirect("/account/two-factor");
        if (!ModelState.IsValid)
        {
            await Load(user);
            return Page();
        }
        var code = new string(Input.Code.Where(char.IsDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Error = "LoginTwoFactor.Invalid";
            await Load(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList();
        audit.Record("auth.twofactor.enabled", nameof(User), user.Id);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        // The code just proved possession of the second factor: this session now counts as two-factor.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
            [new Claim(TwoFactorRequirement.MethodClaim, TwoFactorRequirement.MultiFactorMethod)]);
        Message = "TwoFactor.Enabled";
        return Page();
    }

    public async Task<IActionResult> OnPostCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled)
            return NotFound();
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList();
        audit.Record("auth.twofactor.recovery-codes", nameof(User), user.Id);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>For a lost or replaced phone: a new key, and enrolment starts again.</summary>
    public async Task<IActionResult> OnPostResetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return NotFound();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        audit.Record("auth.twofactor.reset", nameof(User), user.Id);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/account/two-factor");
    }

    private async Task Load(User user)
    {
        Enabled = user.TwoFactorEnabled;
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // The reset changed the security stamp; reissue the cookie so this session stays valid.
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        FormattedKey = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var uri = $"otpauth://totp/Ura:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer=Ura&digits=6";
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(qr).GetGraphic(4));
    }
}
