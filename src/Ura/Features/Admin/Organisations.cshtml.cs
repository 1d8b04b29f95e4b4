using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Admin;

/// <summary>All organisations on this node, by country then name, 50 to a page.</summary>
[Authorize(Policy = Policies.SystemAdmin)]
public sealed class OrganisationsModel(OrganisationCommands organisations, CountryCommands countries, IStringLocalizer<Text> text) : PageModel
{
    public Paged<OrganisationSummary> Organisations { get; private set; } = new([], 1, OrganisationCommands.PageSize, 0);
    public IReadOnlyList<Country> Countries { get; private set; } = [];

    /// <summary>The country filter, only when it names a known country.</summary>
    public string? Country { get; private set; }
    public string? DoneKey { get; private set; }

    // "page" must come from the query: in Razor Pages a route value of that name holds the page's path.
    public async Task OnGetAsync(string? country, [FromQuery] int page = 1, string? done = null)
    {
        var ct = HttpContext.RequestAborted;
        DoneKey = Done.MessageKey(done);
        Countries = await countries.ListAsync(ct);
        Country = Countries.FirstOrDefault(c => c.Code.Equals(country, StringComparison.OrdinalIgnoreCase))?.Code;
        Organisations = await organisations.ListAsync(Country, page, ct);
    }

    public string Responsibilities(OrganisationSummary o)
    {
        var words = new List<string>();
        if (o.IsIdentificationAuthority)
            words.Add(text["Admin.Organisations.IdentificationAuthority"]);
        if (o.IsNationalCoordinatorOffice)
            words.Add(text["Admin.Organisations.NationalCoordinatorOffice"]);
        if (o.IsShelterOperator)
            words.Add(text["Admin.Organisations.ShelterOperator"]);
        return words.Count == 0 ? text["Admin.Organisations.NoResponsibilities"] : string.Join(", ", words);
    }
}
