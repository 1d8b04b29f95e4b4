using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Identification;

/// <summary>The screening instruments with their status in plain words, and importing a new one (system admin).</summary>
[Authorize(Policy = Policies.SystemAdmin)]
[RequestSizeLimit(2 * InstrumentDocument.MaxLength)]
public sealed class InstrumentsModel(InstrumentCommands instruments, IStringLocalizer<Text> text) : PageModel
{
    public sealed class ImportInput
    {
        [Display(Name = "Screening.Instruments.Json")]
        public string? Json { get; set; }

        [Display(Name = "Screening.Instruments.File")]
        public IFormFile? File { get; set; }
    }

    [BindProperty]
    public ImportInput Input { get; set; } = new();

    public IReadOnlyList<InstrumentSummary> Instruments { get; private set; } = [];

    /// <summary>Messages for the field the document came from, one per problem.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public string ErrorField { get; private set; } = "Input.Json";
    public bool Imported { get; private set; }

    public async Task OnGetAsync(bool imported = false)
    {
        Imported = imported;
        Instruments = await instruments.ListAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (json, problem) = await DocumentAsync(ct);
        if (problem is not null)
            Errors = [problem];
        else
        {
            var result = await instruments.ImportAsync(json!, ct);
            if (result.Succeeded)
                return LocalRedirect("/identification/instruments?imported=true");
            Errors = result.Messages(text).ToList();
        }
        foreach (var error in Errors)
            ModelState.AddModelError(ErrorField, error);
        Instruments = await instruments.ListAsync(ct);
        return Page();
    }

    /// <summary>The uploaded file if there is one, else the pasted text; or why there is nothing to import.</summary>
    private async Task<(string? Json, string? Problem)> DocumentAsync(CancellationToken ct)
    {
        if (Input.File is { Length: > 0 } file)
        {
            ErrorField = "Input.File";
            if (file.Length > InstrumentDocument.MaxLength)
                return (null, ImportResult.Message(new InstrumentError("", "Screening.Error.TooLarge"), text));
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            return (await reader.ReadToEndAsync(ct), null);
        }
        return string.IsNullOrWhiteSpace(Input.Json) ? (null, text["Screening.Instruments.Nothing"]) : (Input.Json, null);
    }
}
