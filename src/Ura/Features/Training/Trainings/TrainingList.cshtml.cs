using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;

namespace Ura.Features.Training.Trainings;

/// <summary>The trainings the user may read, by country, year and topic.</summary>
[Authorize(Policy = Policies.ProgrammeReader)]
public sealed class TrainingListModel(TrainingRegister register, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Topic { get; set; }

    public IReadOnlyList<TrainingSummary> Trainings { get; private set; } = [];
    public IReadOnlyList<string> Countries { get; private set; } = [];
    public bool CanRecord => user.IsInRole(Roles.OutreachOfficer);

    public async Task OnGetAsync()
    {
        Countries = await register.CountriesAsync(HttpContext.RequestAborted);
        Trainings = await register.ListAsync(new TrainingFilter(Country, Year, Topic), HttpContext.RequestAborted);
    }
}
