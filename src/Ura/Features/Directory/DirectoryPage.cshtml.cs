using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Resources;

namespace Ura.Features.Directory;

/// <summary>The directory search: every filter in the address, so a search can be bookmarked or sent to a colleague.</summary>
[Authorize]
public sealed class DirectoryPageModel(DirectorySearch search, UraDbContext db, CurrentUser user, IStringLocalizer<Text> text) : PageModel
{
    public DirectoryFilter Filter { get; private set; } = new();
    public ServicePage? Result { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Countries { get; private set; } = [];
    public IReadOnlyList<string> Cities { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] DirectoryFilter filter)
    {
        var ct = HttpContext.RequestAborted;
        // A first visit looks in the worker's own country; "any country" is an explicit empty choice.
        if (!Request.Query.ContainsKey("country"))
            filter.Country = user.CountryCode;
        Filter = filter;
        var result = await search.SearchAsync(filter, ct);
        if (result.Succeeded)
            Result = result.Value;
        else
            result.Errors.AddTo(ModelState, text, "");
        var countries = await db.Countries.AsNoTracking().OrderBy(c => c.Code).Select(c => new { c.Code, c.Name }).ToListAsync(ct);
        Countries = [.. countries.Select(c => (c.Code, text.Country(c.Code, c.Name))).OrderBy(c => c.Item2, StringComparer.CurrentCulture)];
        Cities = await search.CitiesAsync(filter.Country, ct);
        return Page();
    }

    public string PageLink(int page) => "/directory" + DirectoryFilter.Query([.. Filter.Pairs().Where(p => p.Key != "country"), ("country", Filter.Country ?? ""), ("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    public string ServiceLink(Guid id) => $"/directory/services/{id}" + DirectoryFilter.Query(Filter.Case is { } c ? [("case", c.ToString())] : []);
}
