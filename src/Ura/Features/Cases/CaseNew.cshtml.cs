using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>Opening a case for a new person: the form a case worker fills in at first contact.</summary>
[Authorize(Policy = Policies.CaseWorker)]
public sealed class CaseNewModel(CaseRegistration registration, IStringLocalizer<Text> text) : PageModel, IPersonFormPage
{
    [BindProperty]
    public PersonForm Input { get; set; } = new();

    /// <summary>The screening this case is opened from, if any (the worker's own; registration checks it).</summary>
    [BindProperty(Name = "screening", SupportsGet = true)]
    public Guid? Screening { get; set; }

    /// <summary>Likely matches found before saving; the worker must confirm a different person to go on.</summary>
    public DuplicateReport? Duplicates { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();
        var result = await registration.RegisterAsync(Input.ToPersonInput(), HttpContext.RequestAborted, Screening);
        if (result.Succeeded)
            return Redirect($"/cases/{result.Opened!.Id}");
        Duplicates = result.Duplicates;
        result.Errors.AddTo(ModelState, text);
        return Page();
    }
}
