using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;

namespace Ura.Features.Admin;

/// <summary>Changing a country's name and reflection period; its code never changes.</summary>
[Authorize(Policy = Policies.SystemAdmin)]
public sealed class CountryEditModel(CountryCommands countries) : PageModel
{
    [BindProperty]
    public CountryChange Input { get; set; } = new();

    public Country Country { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (await countries.GetAsync(code, HttpContext.RequestAborted) is not { } country)
            return NotFound();
        Country = country;
        Input = new CountryChange { Name = country.Name, ReflectionPeriodDays = country.ReflectionPeriodDays };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code)
    {
        if (await countries.GetAsync(code, HttpContext.RequestAborted) is not { } country)
            return NotFound();
        Country = country;
        if (!ModelState.IsValid)
            return Page();
        var result = await countries.ChangeAsync(code, Input, HttpContext.RequestAborted);
        return result.Found ? LocalRedirect("/admin/countries?done=Saved") : NotFound();
    }
}
