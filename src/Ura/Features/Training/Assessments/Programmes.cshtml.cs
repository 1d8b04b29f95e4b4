using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;

namespace Ura.Features.Training.Assessments;

/// <summary>The capacity programmes the user may read, with target, providers assessed and improved.</summary>
[Authorize(Policy = Policies.ProgrammeReader)]
public sealed class ProgrammesModel(AssessmentProgrammes programmes, CurrentUser user) : PageModel
{
    public IReadOnlyList<ProgrammeSummary> Programmes { get; private set; } = [];
    public bool CanCreate => user.IsInRole(Roles.OutreachOfficer);

    public async Task OnGetAsync() => Programmes = await programmes.ListAsync(HttpContext.RequestAborted);
}
