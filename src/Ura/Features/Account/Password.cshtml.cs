using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Account;

[AccountSetupPage(AccountSetupStep.Password | AccountSetupStep.TwoFactor)]
public sealed class PasswordModel(UserManager<User> users, SignInManager<User> signIn, AuditLog audit, UraDbContext db) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool Changed { get; private set; }
    public bool Required { get; private set; }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Password.Current")]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.Invalid"), Display(Name = "Password.New")]
        public string New { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required"), Compare(nameof(New), ErrorMessage = "Password.Mismatch"), Display(Name = "Password.Confirm")]
        public string Confirm { get; set; } = "";
    }

    public void OnGet(bool required) => Required = required;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();
        var user = await users.GetUserAsync(User);
        if (user is null)
            return NotFound();
        var result = await users.ChangePasswordAsync(user, Input.Current, Input.New);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.Current" : "Input.New", error.Description);
            return Page();
        }
        var wasOneTime = user.MustChangePassword;
        user.MustChangePassword = false;
        audit.Record("auth.password.changed", nameof(User), user.Id);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await signIn.RefreshSignInAsync(user);
        if (wasOneTime)
            return LocalRedirect("/"); // on to two-factor enrolment, if the role needs it
        Changed = true;
        return Page();
    }
}
