using Microsoft.Extensions.Localization;

namespace Ura.Features.Directory;

/// <summary>How directory codes read in the reader's language: categories, languages, countries, ages, weekdays.</summary>
public static class DirectoryLabels
{
    /// <summary>The languages offered in the search form and the service form; other codes still show as codes.</summary>
    public static readonly IReadOnlyList<string> Languages = ["sq", "mk", "sr", "bs", "hr", "en", "rom", "tr", "it", "de", "fr", "el", "hu", "ar", "ru"];

    public static readonly IReadOnlyList<string> Days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    public static string Category(this IStringLocalizer text, string code) => text["ServiceCategory." + code];

    public static string Language(this IStringLocalizer text, string code)
    {
        var name = text["LanguageName." + code];
        return name.ResourceNotFound ? code : name.Value;
    }

    public static string Country(this IStringLocalizer text, string code, string? fallback = null)
    {
        var name = text["CountryName." + code];
        return name.ResourceNotFound ? fallback ?? code : name.Value;
    }

    /// <summary>"14–17 years", "from 16", "up to 17", or "all ages".</summary>
    public static string Ages(this IStringLocalizer text, int? minimum, int? maximum) => (minimum, maximum) switch
    {
        (null, null) => text["Directory.Ages.All"],
        ({ } min, null) => text["Directory.Ages.From", min],
        (null, { } max) => text["Directory.Ages.UpTo", max],
        ({ } min, { } max) => text["Directory.Ages.Between", min, max],
    };

    public static string Weekdays(this IStringLocalizer text, string byDay) =>
        string.Join(", ", byDay.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => text["Directory.Day." + d].Value));
}
