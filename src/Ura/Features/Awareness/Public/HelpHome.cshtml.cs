using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Ura.Features.Directory;
using Ura.Platform.Data;
using Ura.Resources;

namespace Ura.Features.Awareness.Public;

/// <summary>The public entry: choose the country and the language of the help pages. No sign-in.</summary>
[AllowAnonymous]
public sealed class HelpHomeModel(UraDbContext db, IStringLocalizer<Text> text) : PageModel
{
    public IReadOnlyList<(string Code, string Name)> Countries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var countries = await db.Countries.AsNoTracking().Select(c => new { c.Code, c.Name }).ToListAsync(ct);
        Countries = [.. countries.Select(c => (c.Code.ToLowerInvariant(), text.Country(c.Code, c.Name))).OrderBy(c => c.Item2, StringComparer.CurrentCulture)];
    }
}
