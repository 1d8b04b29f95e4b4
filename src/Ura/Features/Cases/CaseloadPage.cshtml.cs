using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;

namespace Ura.Features.Cases;

/// <summary>A supervisor's view of the load on each case worker of their organisation.</summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class CaseloadPageModel(CaseList list) : PageModel
{
    public IReadOnlyList<CaseloadRow> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await list.CaseloadAsync(HttpContext.RequestAborted);
}
