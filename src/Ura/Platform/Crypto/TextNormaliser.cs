using System.Globalization;
using System.Text;

namespace Ura.Platform.Crypto;

/// <summary>
/// Folds a name to a comparable form: lower case, Cyrillic (Serbian and Macedonian) transliterated to
/// Latin, diacritics removed, so "Çela", "Cela" and "Чела" all become "cela".
/// </summary>
public static class TextNormaliser
{
    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['ђ'] = "dj", ['ѓ'] = "gj",
        ['е'] = "e", ['ж'] = "z", ['з'] = "z", ['ѕ'] = "dz", ['и'] = "i", ['ј'] = "j", ['к'] = "k",
        ['л'] = "l", ['љ'] = "lj", ['м'] = "m", ['н'] = "n", ['њ'] = "nj", ['о'] = "o", ['п'] = "p",
        ['р'] = "r", ['с'] = "s", ['т'] = "t", ['ћ'] = "c", ['ќ'] = "kj", ['у'] = "u", ['ф'] = "f",
        ['х'] = "h", ['ц'] = "c", ['ч'] = "c", ['џ'] = "dz", ['ш'] = "s",
        // Russian and Ukrainian letters that appear in names of people in transit.
        ['й'] = "j", ['ы'] = "y", ['э'] = "e", ['ю'] = "ju", ['я'] = "ja", ['щ'] = "sc", ['ъ'] = "", ['ь'] = "",
        ['ё'] = "e", ['є'] = "je", ['і'] = "i", ['ї'] = "ji",
    };

    /// <summary>Latin letters that do not decompose into base letter plus mark ("ð" is a common mis-encoding of "đ").</summary>
    private static readonly Dictionary<char, string> Latin = new()
    {
        ['đ'] = "dj", ['ð'] = "dj", ['ł'] = "l", ['ø'] = "o", ['æ'] = "ae", ['œ'] = "oe", ['ß'] = "ss", ['ı'] = "i",
    };

    public static string Normalise(string text)
    {
        var lower = text.ToLowerInvariant();
        var builder = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (Cyrillic.TryGetValue(c, out var latin) || Latin.TryGetValue(c, out latin))
                builder.Append(latin);
            else
                builder.Append(c);
        }

        var decomposed = builder.ToString().Normalize(NormalizationForm.FormD);
        builder.Clear();
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                builder.Append(c);
        }
        // Ura folds "dž" to "dz" already; "đ"/"dj" and "ć"/"č" collapse on purpose: spellings vary.
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Normalised words of at least one letter or digit, in order, without repeats.</summary>
    public static IReadOnlyList<string> Tokens(string text) =>
        Normalise(text)
            .Split(static c => !char.IsLetterOrDigit(c))
            .Where(t => t.Length > 0)
            .Distinct()
            .ToList();

    private static string[] Split(this string text, Func<char, bool> isSeparator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || isSeparator(text[i]))
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        return [.. parts];
    }
}
