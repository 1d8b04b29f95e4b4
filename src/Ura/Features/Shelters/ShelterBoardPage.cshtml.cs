using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Features.Directory;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Resources;

namespace Ura.Features.Shelters;

/// <summary>
/// The availability board: where a suitable bed is free now. Opened from a case (<c>?case=</c>), it
/// presets who the shelter must serve from the person and offers "Refer" links, but only when the
/// user is on that case's team; otherwise the case is ignored.
/// </summary>
[Authorize(Policy = Policies.ShelterBoard)]
public sealed class ShelterBoardPageModel(ShelterBoard board, CaseAccess access, UraDbContext db, CurrentUser user, IStringLocalizer<Text> text) : PageModel
{
    public BoardFilter Filter { get; private set; } = new();
    public BoardPage? Result { get; private set; }

    /// <summary>The case the links refer from: set only for its team, and only while it is open.</summary>
    public Case? ForCase { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Countries { get; private set; } = [];
    public IReadOnlyList<string> Cities { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] BoardFilter filter)
    {
        var ct = HttpContext.RequestAborted;
        if (filter.Case is { } caseId && await access.ReadAsync(caseId, ct) is { IsClosed: false } found)
        {
            ForCase = found;
            // Who the person can be placed with, unless the worker already chose.
            if (!Request.Query.ContainsKey("population") && found.Person is { } person)
                filter.Population = [.. ShelterEligibility.PopulationsFor(person.Gender, person.AgeBand).Select(p => p.ToString())];
        }
        else
            filter.Case = null;
        // A first visit looks in the worker's own country; "any country" is an explicit empty choice.
        if (!Request.Query.ContainsKey("country"))
            filter.Country = user.CountryCode;
        Filter = filter;
        var result = await board.SearchAsync(filter, ct);
        if (result.Succeeded)
            Result = result.Value;
        else
            result.Errors.AddTo(ModelState, text, "");
        var countries = await db.Countries.AsNoTracking().OrderBy(c => c.Code).Select(c => new { c.Code, c.Name }).ToListAsync(ct);
        Countries = [.. countries.Select(c => (c.Code, text.Country(c.Code, c.Name))).OrderBy(c => c.Item2, StringComparer.CurrentCulture)];
        Cities = await board.CitiesAsync(PersonRules.IsCountry(filter.Country) ? filter.Country : null, ct);
        return Page();
    }

    public bool Chosen(Population population) => Filter.Population?.Contains(population.ToString()) == true;

    public string PageLink(int page) => "/shelters/board" + DirectoryFilter.Query(
        [.. Filter.Pairs().Where(p => p.Key != "country"), ("country", Filter.Country ?? ""), ("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    /// <summary>Where "Refer" goes: the national referral form holding a bed here, or the transnational form for a peer's service.</summary>
    public string? ReferLink(BoardRow row) => (ForCase, row.PeerNodeId, row.PeerServiceId) switch
    {
        (null, _, _) => null,
        ({ } c, null, _) => $"/cases/{c.Id}/referrals/new?service={row.ServiceId}&facility={row.FacilityId}",
        ({ } c, _, { } peerService) => $"/cases/{c.Id}/transnational/new?service={peerService}",
        _ => null,
    };
}
