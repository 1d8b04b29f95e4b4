using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Admin;

/// <summary>The countries this node serves, and adding one.</summary>
[Authorize(Policy = Policies.SystemAdmin)]
public sealed class CountriesModel(CountryCommands countries, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public NewCountry Input { get; set; } = new();

    public IReadOnlyList<Country> Countries { get; private set; } = [];
    public string? DoneKey { get; private set; }

    public async Task OnGetAsync(string? done)
    {
        DoneKey = Done.MessageKey(done);
        Countries = await countries.ListAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var result = await countries.AddAsync(Input, HttpContext.RequestAborted);
            if (result.Succeeded)
                return LocalRedirect("/admin/countries?done=Added");
            result.Errors.AddTo(ModelState, text);
        }
        Countries = await countries.ListAsync(HttpContext.RequestAborted);
        return Page();
    }
}
