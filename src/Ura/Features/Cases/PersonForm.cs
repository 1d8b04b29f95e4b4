using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Ura.Features.Cases;

/// <summary>A page showing the person form (drawn by <c>_PersonFields.cshtml</c>).</summary>
public interface IPersonFormPage
{
    PersonForm Input { get; }
}

/// <summary>The person form of the new-case and edit-person pages: lists typed as text (comma separated, aliases one per line), one identity document.</summary>
public sealed class PersonForm
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

    /// <summary>The form filled with what is known, for editing.</summary>
    public static PersonForm From(PersonView p)
    {
        var document = p.Documents.FirstOrDefault();
        return new()
        {
            GivenNames = p.GivenNames,
            FamilyName = p.FamilyName,
            Aliases = string.Join('\n', p.Aliases),
            BirthDate = p.BirthDateEstimated ? null : DateOnly.ParseExact(p.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            EstimatedBirthYear = p.BirthDateEstimated ? int.Parse(p.BirthDate, CultureInfo.InvariantCulture) : null,
            Gender = p.Gender,
            Citizenships = string.Join(", ", p.Citizenships),
            Languages = string.Join(", ", p.Languages),
            EducationLevel = p.EducationLevel,
            MaritalStatus = p.MaritalStatus,
            NumberOfChildren = p.NumberOfChildren,
            Phone = p.Phone,
            Email = p.Email,
            Address = p.Address,
            GuardianName = p.GuardianName,
            GuardianRelation = p.GuardianRelation,
            GuardianContact = p.GuardianContact,
            DocumentType = document?.Type,
            DocumentNumber = document?.Number,
            DocumentCountry = document?.IssuingCountry,
        };
    }
}
