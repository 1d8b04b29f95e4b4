using System.Globalization;
using System.Resources;
using Ura.Resources;

namespace Ura.BrowserTests.Infrastructure;

/// <summary>
/// Ura's own strings, so that a test can find a control by the words a person sees in whatever language the
/// page is in. Tests that check a translation compare with literal text instead.
/// </summary>
public static class UraText
{
    private static readonly ResourceManager Resources = new("Ura.Resources.Text", typeof(Text).Assembly);

    public static string Get(string key, string language) =>
        Resources.GetString(key, CultureInfo.GetCultureInfo(language))
        ?? throw new InvalidOperationException($"Ura has no string '{key}'.");
}
