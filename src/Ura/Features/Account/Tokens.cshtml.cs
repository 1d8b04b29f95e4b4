using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;

namespace Ura.Features.Account;

/// <summary>Personal access tokens for the API: create (shown once), list, revoke.</summary>
public sealed class TokensModel(TokenCommands commands, CurrentUser current) : PageModel
{
    public static readonly int[] Lifetimes = [30, 90, 365];

    [BindProperty]
    public TokenInput Input { get; set; } = new();

    public IReadOnlyList<PersonalAccessToken> Tokens { get; private set; } = [];
    public string? NewSecret { get; private set; }

    public sealed class TokenInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Tokens.Name")]
        public string Name { get; set; } = "";

        [Range(1, 365, ErrorMessage = "Validation.Invalid")]
        public int Days { get; set; } = 90;
    }

    public async Task OnGetAsync() => Tokens = await commands.ListAsync(current.RequiredId, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (ModelState.IsValid)
            NewSecret = await commands.CreateAsync(current.RequiredId, Input.Name, Input.Days, HttpContext.RequestAborted);
        Tokens = await commands.ListAsync(current.RequiredId, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        if (!await commands.RevokeAsync(current.RequiredId, id, HttpContext.RequestAborted))
            return NotFound();
        return RedirectToPage();
    }
}
