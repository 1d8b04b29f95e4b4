using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ura.Platform.Web.Pages;

/// <summary>Shown for errors and bare status codes; says what happened in plain words, never the technical cause.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string TitleKey { get; private set; } = "Error.500";

    public void OnGet(int? status) => Set(status);

    public void OnPost(int? status) => Set(status);

    private void Set(int? status)
    {
        var code = status ?? 500;
        TitleKey = code switch
        {
            400 or 403 or 404 or 405 or 429 => "Error." + code,
            _ => "Error.500",
        };
        // A re-executed status keeps the original code; a direct visit to /error is a 500 only if it came from the handler.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && status is not null)
            Response.StatusCode = code;
    }
}
