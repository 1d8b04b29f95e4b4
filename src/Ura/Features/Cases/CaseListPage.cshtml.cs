using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>
/// "My cases" and, for supervisors, the organisation's cases: filters in the URL (codes only), a
/// search by name posted in the form body so names never reach a URL or an access log.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class CaseListPageModel(CaseList list, IStringLocalizer<Text> text) : PageModel
{
    public CaseFilter Filter { get; private set; } = new();

    /// <summary>The posted name search, kept in the form (never in a link).</summary>
    public string? Name { get; private set; }

    public CasePage? Result { get; private set; }
    public IReadOnlyList<StaffView> Workers { get; private set; } = [];
    public bool CanSeeOrganisation => list.CanSeeOrganisation;

    public async Task<IActionResult> OnGetAsync([FromQuery] CaseFilter filter)
    {
        Filter = filter;
        var result = await list.ListAsync(filter, HttpContext.RequestAborted);
        return await ShowAsync(result);
    }

    public async Task<IActionResult> OnPostAsync([FromForm] CaseFilter filter, [FromForm] string? name)
    {
        Filter = filter;
        Name = name;
        var result = await list.SearchAsync(filter, name ?? "", HttpContext.RequestAborted);
        return await ShowAsync(result);
    }

    private async Task<IActionResult> ShowAsync(CommandResult<CasePage> result)
    {
        if (result.Succeeded)
            Result = result.Value;
        else
            result.Errors.AddTo(ModelState, text, "");
        Workers = await list.WorkersAsync(HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>This list's address without the page, ending so that <c>page=N</c> can follow.</summary>
    public string PagerPrefix()
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                parts.Add(key + "=" + Uri.EscapeDataString(value));
        }
        Add("scope", Filter.Scope);
        Add("status", Filter.Status);
        Add("stage", Filter.Stage);
        Add("traffickingStatus", Filter.TraffickingStatus);
        Add("exploitationType", Filter.ExploitationType);
        Add("worker", Filter.Worker?.ToString());
        Add("ageBand", Filter.AgeBand);
        Add("gender", Filter.Gender);
        Add("citizenship", Filter.Citizenship);
        Add("transnational", Filter.Transnational?.ToString(CultureInfo.InvariantCulture).ToLowerInvariant());
        Add("overdue", Filter.Overdue == true ? "true" : null);
        Add("reference", Filter.Reference);
        Add("sort", Filter.Sort);
        return "/cases?" + string.Concat(parts.Select(p => p + "&"));
    }
}
