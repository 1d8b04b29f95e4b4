using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Platform.Federation.Pages;

/// <summary>
/// <c>/admin/federation</c>: this node's card (or the form that creates its identity), its peers
/// with delivery numbers, a test message per peer, inbound numbers and recent refusals.
/// </summary>
[Authorize(Policy = Policies.SystemAdmin)]
public sealed class OverviewModel(FederationMonitor monitor, Peering peering, UraDbContext db, IStringLocalizer<Text> text) : PageModel
{
    private static readonly HashSet<string> Notices = ["Created", "Pinged", "Pinned", "Removed"];

    public sealed class NodeInput
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Federation.Node.Id")]
        public string? Id { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Federation.Node.Country")]
        public string? Country { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Federation.Node.Url")]
        public string? Url { get; set; }
    }

    [BindProperty]
    public NodeInput Input { get; set; } = new();

    public FederationStatus Status { get; private set; } = null!;
    public string? NoticeKey { get; private set; }
    public IReadOnlyList<Country> Countries { get; private set; } = [];

    public async Task OnGetAsync(string? done)
    {
        NoticeKey = done is not null && Notices.Contains(done) ? "Federation.Done." + done : null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        Status = await monitor.StatusAsync(HttpContext.RequestAborted);
        if (Status.Node is null)
            Countries = await db.Countries.AsNoTracking().OrderBy(c => c.Code).ToListAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostInitAsync()
    {
        if (ModelState.IsValid)
        {
            var result = await peering.InitAsync(Input.Id?.Trim(), Input.Country, Input.Url?.Trim(), HttpContext.RequestAborted);
            if (result.Succeeded)
                return LocalRedirect("/admin/federation?done=Created");
            result.Errors.AddTo(ModelState, text);
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostPingAsync(string? peer)
    {
        if (peer is null || !await monitor.PingAsync(peer, HttpContext.RequestAborted))
            return NotFound();
        return LocalRedirect("/admin/federation?done=Pinged");
    }
}
