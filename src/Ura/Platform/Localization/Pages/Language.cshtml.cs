using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Platform.Localization.Pages;

/// <summary>Switches the language; remembered in a cookie and, when signed in, on the user.</summary>
[AllowAnonymous]
public sealed class LanguageModel(CurrentUser current, UserManager<User> users, UraDbContext db) : PageModel
{
    public string? Error { get; private set; }
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = LocalOrHome(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl)
    {
        ReturnUrl = LocalOrHome(returnUrl);
        if (!Languages.IsSupported(language))
        {
            Error = "Language.Unknown";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Languages.Remember(Response, language!);
        if (current.Id is { } id && await users.FindByIdAsync(id.ToString()) is { } user)
        {
            user.PreferredLanguage = language!;
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        return LocalRedirect(ReturnUrl);
    }

    private string LocalOrHome(string? url) => url is not null && Url.IsLocalUrl(url) ? url : "/";
}
