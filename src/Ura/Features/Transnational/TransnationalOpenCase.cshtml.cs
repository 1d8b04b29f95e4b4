using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Resources;

namespace Ura.Features.Transnational;

/// <summary>"Open our case" after accepting a referral from another country: the new-case form filled from what was shared.</summary>
[Authorize]
public sealed class TransnationalOpenCaseModel(TransnationalReceiving receiving, IStringLocalizer<Text> text) : PageModel, IPersonFormPage
{
    public Guid Id { get; private set; }

    [BindProperty]
    public PersonForm Input { get; set; } = new();

    public DuplicateReport? Duplicates { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await receiving.CaseFormAsync(id, HttpContext.RequestAborted) is not { } form)
            return NotFound();
        Id = id;
        Input = form;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        Id = id;
        if (!ModelState.IsValid)
            return await receiving.CaseFormAsync(id, HttpContext.RequestAborted) is null ? NotFound() : Page();
        var (result, registration) = await receiving.OpenCaseAsync(id, Input.ToPersonInput(), HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return LocalRedirect($"/cases/{result.Value!.CaseId}");
        Duplicates = registration?.Duplicates;
        result.Errors.AddTo(ModelState, text);
        return Page();
    }
}
