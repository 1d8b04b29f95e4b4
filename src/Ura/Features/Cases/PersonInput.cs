using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Ura.Features.Admin;

namespace Ura.Features.Cases;

/// <summary>What a worker enters about a person when opening a case. Codes are HTCDS value names and ISO codes.</summary>
public sealed class PersonInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string GivenNames { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string FamilyName { get; set; } = "";

    public List<string> Aliases { get; set; } = [];

    public DateOnly? BirthDate { get; set; }

    /// <summary>When the birth date is unknown: the year the worker estimates.</summary>
    public int? EstimatedBirthYear { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public string Gender { get; set; } = "";

    public List<string> Citizenships { get; set; } = [];
    public List<string> Languages { get; set; } = [];
    public string? EducationLevel { get; set; }
    public string? MaritalStatus { get; set; }

    [Range(0, 30, ErrorMessage = "Validation.Invalid")]
    public int? NumberOfChildren { get; set; }

    [StringLength(30, ErrorMessage = "Validation.TooLong")]
    public string? Phone { get; set; }

    [EmailAddress(ErrorMessage = "Validation.Email"), StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? Email { get; set; }

    [StringLength(500, ErrorMessage = "Validation.TooLong")]
    public string? Address { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? GuardianName { get; set; }

    [StringLength(100, ErrorMessage = "Validation.TooLong")]
    public string? GuardianRelation { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? GuardianContact { get; set; }

    public List<DocumentInput> Documents { get; set; } = [];

    /// <summary>The worker has looked at the likely matches and confirms this is a different person.</summary>
    public bool ConfirmedDifferentPerson { get; set; }

    /// <summary>A JSON <c>null</c> for a list means none.</summary>
    public PersonInput WithEmptyLists()
    {
        Aliases ??= [];
        Citizenships ??= [];
        Languages ??= [];
        Documents ??= [];
        return this;
    }
}

public sealed class DocumentInput
{
    [Required(ErrorMessage = "Validation.Required")]
    public string Type { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), StringLength(50, ErrorMessage = "Validation.TooLong")]
    public string Number { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    public string IssuingCountry { get; set; } = "";
}

/// <summary>The business rules a new person must meet, and what follows from the birth date (age band, child).</summary>
public static partial class PersonRules
{
    public const int AdultAge = 18;

    public static IReadOnlyList<RuleError> Check(PersonInput input, DateOnly today)
    {
        input.WithEmptyLists();
        var errors = new List<RuleError>();
        if (string.IsNullOrWhiteSpace(input.GivenNames))
            errors.Add(new(nameof(PersonInput.GivenNames), "Cases.Person.NameRequired"));
        if (string.IsNullOrWhiteSpace(input.FamilyName))
            errors.Add(new(nameof(PersonInput.FamilyName), "Cases.Person.NameRequired"));

        if (input.BirthDate is null && input.EstimatedBirthYear is null)
            errors.Add(new(nameof(PersonInput.BirthDate), "Cases.Person.BirthRequired"));
        else if (input.BirthDate is { } date && date > today)
            errors.Add(new(nameof(PersonInput.BirthDate), "Cases.Person.BirthDateInFuture"));
        else if (input.BirthDate is { } old && old.Year < today.Year - 120)
            errors.Add(new(nameof(PersonInput.BirthDate), "Cases.Person.BirthYearInvalid"));
        else if (input.BirthDate is null && input.EstimatedBirthYear is { } year && (year > today.Year || year < today.Year - 120))
            errors.Add(new(nameof(PersonInput.EstimatedBirthYear), "Cases.Person.BirthYearInvalid"));

        if (!IsValue<Gender>(input.Gender))
            errors.Add(new(nameof(PersonInput.Gender), "Cases.Person.UnknownGender"));
        if (!string.IsNullOrEmpty(input.EducationLevel) && !IsValue<EducationLevel>(input.EducationLevel))
            errors.Add(new(nameof(PersonInput.EducationLevel), "Cases.Person.UnknownEducationLevel"));
        if (!string.IsNullOrEmpty(input.MaritalStatus) && !IsValue<MaritalStatus>(input.MaritalStatus))
            errors.Add(new(nameof(PersonInput.MaritalStatus), "Cases.Person.UnknownMaritalStatus"));
        if (!input.Citizenships.All(IsCountry))
            errors.Add(new(nameof(PersonInput.Citizenships), "Cases.Person.UnknownCountry"));
        if (!input.Languages.All(l => LanguageCode().IsMatch(l ?? "")))
            errors.Add(new(nameof(PersonInput.Languages), "Cases.Person.UnknownLanguage"));
        if (!string.IsNullOrWhiteSpace(input.Phone) && !PhoneNumber().IsMatch(input.Phone.Trim()))
            errors.Add(new(nameof(PersonInput.Phone), "Cases.Person.InvalidPhone"));
        if (input.Aliases.Any(a => a is null || a.Length > 200))
            errors.Add(new(nameof(PersonInput.Aliases), "Validation.Invalid"));

        foreach (var document in input.Documents)
        {
            if (document is null || !IsValue<IdentityDocumentType>(document.Type))
                errors.Add(new(nameof(PersonInput.Documents), "Cases.Person.UnknownDocumentType"));
            else if (!IsCountry(document.IssuingCountry))
                errors.Add(new(nameof(PersonInput.Documents), "Cases.Person.UnknownCountry"));
            else if (string.IsNullOrWhiteSpace(document.Number))
                errors.Add(new(nameof(PersonInput.Documents), "Validation.Required"));
            else if (document.Number.Length > 50)
                errors.Add(new(nameof(PersonInput.Documents), "Validation.TooLong"));
        }

        if (errors.All(e => e.Field is not (nameof(PersonInput.BirthDate) or nameof(PersonInput.EstimatedBirthYear)))
            && IsChild(AgeOn(input.BirthDate, input.EstimatedBirthYear, today))
            && (string.IsNullOrWhiteSpace(input.GuardianName) || string.IsNullOrWhiteSpace(input.GuardianRelation)))
            errors.Add(new(nameof(PersonInput.GuardianName), "Cases.Person.GuardianRequired"));
        return errors;
    }

    /// <summary>
    /// Age in whole years. With only an estimated year the lower possible age is taken, so a person who
    /// may still be a child is treated as one (the presumption of minority).
    /// </summary>
    public static int AgeOn(DateOnly? birthDate, int? estimatedYear, DateOnly today)
    {
        if (birthDate is { } date)
        {
            var age = today.Year - date.Year;
            return date.AddYears(age) > today ? age - 1 : age;
        }
        return today.Year - (estimatedYear ?? today.Year) - 1;
    }

    public static bool IsChild(int age) => age < AdultAge;

    public static AgeBand BandOf(int age) => age switch
    {
        < 12 => AgeBand.Under12,
        < 18 => AgeBand.From12To17,
        < 25 => AgeBand.From18To24,
        < 35 => AgeBand.From25To34,
        < 50 => AgeBand.From35To49,
        _ => AgeBand.From50,
    };

    /// <summary>An exact HTCDS value name: no numbers, no other spelling.</summary>
    public static bool IsValue<TEnum>(string? value) where TEnum : struct, Enum =>
        value is not null && Enum.GetNames<TEnum>().Contains(value, StringComparer.Ordinal);

    /// <summary>An ISO 3166 alpha-2 code in capitals; XK (Kosovo) is the code the region uses.</summary>
    public static bool IsCountry(string? code)
    {
        if (code is not { Length: 2 } || !code.All(char.IsAsciiLetterUpper))
            return false;
        if (code == "XK")
            return true;
        try
        {
            return new RegionInfo(code).TwoLetterISORegionName == code;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguageCode();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{4,24}$")]
    private static partial Regex PhoneNumber();
}
