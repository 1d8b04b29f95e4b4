using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;

namespace Ura.Features.Identification;

/// <summary>An identification authority's inbox: the cases submitted to the officer's organisation, waiting ones first.</summary>
[Authorize(Policy = Policies.IdentificationOfficer)]
public sealed class SubmissionsModel(IdentificationCommands identification) : PageModel
{
    public IReadOnlyList<InboxItem> Items { get; private set; } = [];

    public async Task OnGetAsync() => Items = await identification.InboxAsync(HttpContext.RequestAborted);
}
