using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Features.Cases;

namespace Ura.Features.Transnational;

/// <summary>The case's referrals to other countries, and the search of the peers' directories to make one; case team only.</summary>
[Authorize]
public sealed class CaseTransnationalModel(TransnationalSending sending, PeerDirectorySearch directory) : PageModel
{
    public Case Case { get; private set; } = null!;
    public IReadOnlyList<TransnationalSummary> Items { get; private set; } = [];
    public IReadOnlyList<string> Countries { get; private set; } = [];
    public IReadOnlyList<PeerServiceView> Found { get; private set; } = [];
    public string? Country { get; private set; }
    public string? Category { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? country, string? category)
    {
        var ct = HttpContext.RequestAborted;
        if (await sending.ListAsync(id, ct) is not { } found)
            return NotFound();
        (Case, Items) = found;
        Countries = await directory.CountriesAsync(ct);
        Country = Countries.Contains(country ?? "") ? country : null;
        Category = Directory.ServiceTaxonomy.Find(category ?? "") is not null ? category : null;
        Found = await directory.SearchAsync(Country, Category, ct);
        return Page();
    }
}
