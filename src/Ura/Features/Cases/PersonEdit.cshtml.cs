using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>Correcting the person's details; the page edits the first identity document and keeps any others.</summary>
[Authorize]
public sealed class PersonEditModel(CaseRegistration registration, PersonEditing editing, IStringLocalizer<Text> text) : PageModel, IPersonFormPage
{
    public CaseView Case { get; private set; } = null!;

    [BindProperty]
    public PersonForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await registration.ReadAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        Case = found;
        Input = PersonForm.From(found.Person);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await registration.ReadAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        Case = found;
        if (!ModelState.IsValid)
            return Page();
        var input = Input.ToPersonInput();
        input.Documents.AddRange(found.Person.Documents.Skip(1).Select(d => new DocumentInput { Type = d.Type, Number = d.Number, IssuingCountry = d.IssuingCountry }));
        var result = await editing.UpdateAsync(id, input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return Redirect($"/cases/{id}");
        result.Errors.AddTo(ModelState, text);
        return Page();
    }
}
