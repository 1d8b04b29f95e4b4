using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Reports.Exports;

/// <summary>The user's own export runs with their progress, and the forms to ask for the exports their role allows.</summary>
[Authorize(Policy = Policies.Exporter)]
public sealed class ExportsModel(ExportRuns runs, IStringLocalizer<Text> text) : PageModel
{
    public IReadOnlyList<ExportRunView> Runs { get; private set; } = [];
    public IReadOnlyList<ExportKind> Allowed => runs.Allowed;
    public int K => runs.K;

    [BindProperty]
    public ExportInput Input { get; set; } = new();

    /// <summary>A run is still waiting or being made: the page says how to follow it (it does not reload itself).</summary>
    public bool Unfinished => Runs.Any(r => r.Status is ExportStatus.Queued or ExportStatus.Running);

    public async Task OnGetAsync() => Runs = await runs.MineAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var result = await runs.RequestAsync(Input, HttpContext.RequestAborted);
            if (result is null)
                return Forbid();
            if (result.Succeeded)
                return LocalRedirect("/reports/exports");
            result.Errors.AddTo(ModelState, text);
        }
        Runs = await runs.MineAsync(HttpContext.RequestAborted);
        return Page();
    }
}

/// <summary>One of the user's runs: progress, verification, expiry and the download link.</summary>
[Authorize(Policy = Policies.Exporter)]
public sealed class ExportRunModel(ExportRuns runs) : PageModel
{
    public ExportRunView Run { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await runs.OneAsync(id, HttpContext.RequestAborted) is not { } run)
            return NotFound();
        Run = run;
        return Page();
    }
}

/// <summary>The file of one of the user's runs; 404 for anyone else, before it is ready and after it expired.</summary>
[Authorize(Policy = Policies.Exporter)]
public sealed class ExportFileModel(ExportRuns runs) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id) =>
        await runs.DownloadAsync(id, HttpContext.RequestAborted) is { } file ? File(file.Content, file.ContentType, file.FileName) : NotFound();
}
