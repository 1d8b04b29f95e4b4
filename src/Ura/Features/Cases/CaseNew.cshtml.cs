using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>Opening a case for a new person: the form a case worker fills in at first contact.</summary>
[Authorize(Policy = Policies.CaseWorker)]
public sealed class CaseNewModel(CaseRegistration registration, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public Form Input { get; set; } = new();

    /// <summary>The screening this case is opened from, if any (the worker's own; registration checks it).</summary>
    [BindProperty(Name = "screening", SupportsGet = true)]
    public Guid? Screening { get; set; }

    /// <summary>Likely matches found before saving; the worker must confirm a different person to go on.</summary>
    public DuplicateReport? Duplicates { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();
        var result = await registration.RegisterAsync(Input.ToPersonInput(), HttpContext.RequestAborted, Screening);
        if (result.Succeeded)
            return Redirect($"/cases/{result.Opened!.Id}");
        Duplicates = result.Duplicates;
        result.Errors.AddTo(ModelState, text);
        return Page();
    }

    /// <summary>The page's form: lists typed as text (comma separated, aliases one per line), one identity document.</summary>
    public sealed class Form
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Cases.Field.GivenNames")]
        public string GivenNames { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Cases.Field.FamilyName")]
        public string FamilyName { get; set; } = "";

        [StringLength(1000, ErrorMessage = "Validation.TooLong"), Display(Name = "Cases.Field.Aliases")]
        public string? Aliases { get; set; }

        [Display(Name = "Cases.Field.BirthDate")]
        public DateOnly? BirthDate { get; set; }

        [Display(Name = "Cases.Field.EstimatedBirthYear")]
        public int? EstimatedBirthYear { get; set; }

        public string Gender { get; set; } = "";

        [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Cases.Field.Citizenships")]
        public string? Citizenships { get; set; }

        [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Cases.Field.Languages")]
        public string? Languages { get; set; }

        public string? EducationLevel { get; set; }
        public string? MaritalStatus { get; set; }

        [Range(0, 30, ErrorMessage = "Validation.Invalid"), Display(Name = "Cases.Field.NumberOfChildren")]
        public int? NumberOfChildren { get; set; }

        [StringLength(30, ErrorMessage = "Validation.TooLong"), Display(Name = "Cases.Field.Phone")]
        public string? Phone { get; set; }

        [EmailAddress(ErrorMessage = "Validation.Email"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Cases.Field.Email")]
        public string? Email { get; set; }

        [StringLength(500, ErrorMessage = "Validation.TooLong"), Display(Name = "Cases.Field.Address")]
        public string? Address { get; set; }

        [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Cases.Field.GuardianName")]
        public string? GuardianName { get; set; }

        [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Cases.Field.GuardianRelation")]
        public string? GuardianRelation { get; set; }

        [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Cases.Field.GuardianContact")]
        public string? GuardianContact { get; set; }

        public string? DocumentType { get; set; }

        [StringLength(50, ErrorMessage = "Validation.TooLong"), Display(Name = "Cases.Field.DocumentNumber")]
        public string? DocumentNumber { get; set; }

        [StringLength(2, ErrorMessage = "Validation.TooLong"), Display(Name = "Cases.Field.DocumentCountry")]
        public string? DocumentCountry { get; set; }

        public bool ConfirmedDifferentPerson { get; set; }

        public PersonInput ToPersonInput() => new()
        {
            GivenNames = GivenNames,
            FamilyName = FamilyName,
            Aliases = [.. (Aliases ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            BirthDate = BirthDate,
            EstimatedBirthYear = EstimatedBirthYear,
            Gender = Gender,
            Citizenships = Codes(Citizenships, upper: true),
            Languages = Codes(Languages, upper: false),
            EducationLevel = EducationLevel,
            MaritalStatus = MaritalStatus,
            NumberOfChildren = NumberOfChildren,
            Phone = Phone,
            Email = Email,
            Address = Address,
            GuardianName = GuardianName,
            GuardianRelation = GuardianRelation,
            GuardianContact = GuardianContact,
            Documents = string.IsNullOrWhiteSpace(DocumentNumber) && string.IsNullOrEmpty(DocumentType) ? [] :
                [new DocumentInput { Type = DocumentType ?? "", Number = DocumentNumber ?? "", IssuingCountry = (DocumentCountry ?? "").Trim().ToUpperInvariant() }],
            ConfirmedDifferentPerson = ConfirmedDifferentPerson,
        };

        // People type "al, xk" or "AL XK"; codes are checked by the rules afterwards.
        private static List<string> Codes(string? typed, bool upper) =>
            [.. (typed ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries)
                .Select(c => upper ? c.ToUpperInvariant() : c.ToLower(CultureInfo.InvariantCulture)).Distinct()];
    }
}
