using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Identity;
using Ura.Platform.Localization;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Platform;

/// <summary>Every string a person reads exists in every language Ura speaks, and pages follow the chosen language.</summary>
public sealed partial class LocalizationTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static readonly Dictionary<string, string> English = Strings("en");

    public static TheoryData<string> Translations => new() { "sq", "mk", "sr-Latn" };

    [Fact]
    public void Languages_All_HaveAResourceFileEach()
    {
        Assert.Equal(["en", "sq", "mk", "sr-Latn"], Languages.All.Select(l => l.Code));
        Assert.All(Languages.All, l => Assert.True(File.Exists(ResourceFile(l.Code)), ResourceFile(l.Code)));
        Assert.True(English.Count > 50);
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_EveryEnglishKey_PresentAndNotEmpty(string language)
    {
        var translated = Strings(language);

        var missing = English.Keys.Except(translated.Keys).Order(StringComparer.Ordinal).ToList();
        var empty = translated.Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Key).ToList();

        Assert.True(missing.Count == 0, $"Missing in Text.{language}.resx: {string.Join(", ", missing)}");
        Assert.True(empty.Count == 0, $"Empty in Text.{language}.resx: {string.Join(", ", empty)}");
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_Keys_NoneBeyondEnglish(string language)
    {
        var extra = Strings(language).Keys.Except(English.Keys).Order(StringComparer.Ordinal).ToList();

        Assert.True(extra.Count == 0, $"In Text.{language}.resx but not in Text.resx: {string.Join(", ", extra)}");
    }

    [Fact]
    public void English_Values_NoneEmpty() =>
        Assert.Empty(English.Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Key));

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_Placeholders_SameAsEnglish(string language)
    {
        var mismatched = Strings(language)
            .Where(s => English.TryGetValue(s.Key, out var en) && !Placeholders(en).SetEquals(Placeholders(s.Value)))
            .Select(s => $"{s.Key}: en has {{{string.Join("}{", Placeholders(English[s.Key]).Order())}}}, {language} has {{{string.Join("}{", Placeholders(s.Value).Order())}}}")
            .ToList();

        Assert.True(mismatched.Count == 0, string.Join("\n", mismatched));
        Assert.Contains("0", Placeholders(English["Tokens.Days"]));
    }

    [Fact]
    public void Source_EveryLiteralKey_InTextResx()
    {
        var used = KeysUsedInSource();
        var missing = used.Where(u => !English.ContainsKey(u.Key)).Select(u => $"{u.Key} ({u.Where})").ToList();

        Assert.True(used.Select(u => u.Key).Distinct().Count() > 50, "the source scan found too few keys; are the patterns still right?");
        Assert.True(missing.Count == 0, "Keys used in src/Ura but missing from Text.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Source_KeysBuiltAtRunTime_InTextResx()
    {
        // Keys the code composes: "Error." + status (ErrorModel), "Role." + role (home page), "Problem.Status" + status (API problems).
        var composed = new[] { 400, 403, 404, 405, 429, 500 }.SelectMany(s => new[] { $"Error.{s}", $"Error.{s}.Explain" })
            .Concat(Roles.All.Select(r => "Role." + r))
            .Concat(new[] { 400, 401, 403, 404, 405, 409, 415, 422, 429, 500 }.Select(s => $"Problem.Status{s}"));

        var missing = composed.Where(k => !English.ContainsKey(k)).ToList();

        Assert.True(missing.Count == 0, "Missing from Text.resx: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Page_LanguageCookieMk_RenderedInMacedonian()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("Cookie", $"{Languages.CookieName}=c%3Dmk%7Cuic%3Dmk");

        var html = WebUtility.HtmlDecode(await (await client.SendAsync(request)).Content.ReadAsStringAsync());

        Assert.Contains("<html lang=\"mk\">", html, StringComparison.Ordinal);
        Assert.Contains(Strings("mk")["Login.Title"], html, StringComparison.Ordinal);
        Assert.Matches(@"\p{IsCyrillic}{4,}", Strings("mk")["Login.Title"]);
        Assert.DoesNotContain(English["Login.Title"], html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_AcceptLanguageSqWithoutCookie_RenderedInAlbanian()
    {
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("sq"));

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/account/login"));

        Assert.Contains("<html lang=\"sq\">", html, StringComparison.Ordinal);
        Assert.Contains(Strings("sq")["Login.Submit"], html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokensPage_MacedonianUser_DatesInMacedonianFormat()
    {
        var client = await factory.SignInAsync(Demo.Email("supervisor", "mk"));
        await UraFactory.PostFormAsync(client, "/account/tokens?handler=Create", new() { ["Input.Name"] = "culture", ["Input.Days"] = "30" }, "/account/tokens");
        var expires = await factory.WithDb(db => db.PersonalAccessTokens
            .Where(t => t.Name == "culture").Select(t => t.ExpiresAt).SingleAsync());

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/account/tokens"));

        var macedonian = expires.ToString("d", new CultureInfo("mk"));
        var english = expires.ToString("d", new CultureInfo("en"));
        Assert.NotEqual(english, macedonian);
        Assert.Contains(macedonian, html, StringComparison.Ordinal);
        Assert.DoesNotContain(english, html, StringComparison.Ordinal);
        Assert.Contains(Strings("mk")["Tokens.Title"], html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostLanguage_UnknownCode_400WithLocalisedMessageAndNoCookie()
    {
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("sq"));

        var response = await UraFactory.PostFormAsync(client, "/language", new() { ["language"] = "xx", ["returnUrl"] = "/account/login" });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Strings("sq")["Language.Unknown"], html, StringComparison.Ordinal);
        Assert.DoesNotContain(SetCookies(response), c => c.StartsWith(Languages.CookieName + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostLanguage_Sq_SetsCookieAndNextPageInAlbanian()
    {
        var client = factory.Anonymous();

        var response = await UraFactory.PostFormAsync(client, "/language", new() { ["language"] = "sq", ["returnUrl"] = "/account/login" });
        var next = WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location!.OriginalString));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location.OriginalString);
        Assert.Contains(SetCookies(response), c => c.StartsWith($"{Languages.CookieName}=c%3Dsq%7Cuic%3Dsq;", StringComparison.Ordinal));
        Assert.Contains("<html lang=\"sq\">", next, StringComparison.Ordinal);
        Assert.Contains(Strings("sq")["Login.Title"], next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostLanguage_ExternalReturnUrl_RedirectsHome()
    {
        var client = factory.Anonymous();

        var response = await UraFactory.PostFormAsync(client, "/language", new() { ["language"] = "mk", ["returnUrl"] = "https://evil.example/" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task PostLanguage_SignedIn_RemembersOnTheUser()
    {
        var client = await factory.SignInAsync(Demo.Outreach);

        var response = await UraFactory.PostFormAsync(client, "/language", new() { ["language"] = "sr-Latn", ["returnUrl"] = "/" }, "/");
        var saved = await factory.WithDb(db => db.Users.Where(u => u.Email == Demo.Outreach).Select(u => u.PreferredLanguage).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("sr-Latn", saved);
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static string ResourceFile(string language) =>
        Path.Combine(RepositoryRoot.Source, "Resources", language == "en" ? "Text.resx" : $"Text.{language}.resx");

    private static Dictionary<string, string> Strings(string language)
    {
        var data = XDocument.Load(ResourceFile(language)).Root!.Elements("data").ToList();
        var duplicates = data.GroupBy(d => (string)d.Attribute("name")!).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"Duplicate keys in {ResourceFile(language)}: {string.Join(", ", duplicates)}");
        return data.ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
    }

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>
    /// Keys written as string literals in the source: localizer indexers, validation and display attributes,
    /// navigation entries, assignments to Error/Message/TitleKey, and any other literal that starts with a
    /// known key prefix (for example a key passed to Problems.WriteAsync).
    /// </summary>
    private static List<(string Key, string Where)> KeysUsedInSource()
    {
        var prefixes = English.Keys.Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)]).ToHashSet();
        var found = new List<(string, string)>();
        foreach (var (file, text) in RepositoryRoot.SourceFiles(".cs", ".cshtml"))
        {
            void Add(Regex pattern)
            {
                foreach (Match m in pattern.Matches(text))
                    found.Add((m.Groups[1].Value, $"{file}:{text[..m.Index].Count(c => c == '\n') + 1}"));
            }
            Add(LocalizerIndexer());
            Add(ErrorMessageArgument());
            Add(DisplayName());
            Add(NavigationLink());
            foreach (Match assignment in KeyAssignment().Matches(text))
            {
                foreach (Match literal in StringLiteral().Matches(assignment.Groups[1].Value))
                    found.Add((literal.Groups[1].Value, $"{file}:{text[..assignment.Index].Count(c => c == '\n') + 1}"));
            }
            foreach (Match m in KeyShapedLiteral().Matches(text))
            {
                if (prefixes.Contains(m.Groups[1].Value[..m.Groups[1].Value.IndexOf('.', StringComparison.Ordinal)]))
                    found.Add((m.Groups[1].Value, $"{file}:{text[..m.Index].Count(c => c == '\n') + 1}"));
            }
        }
        return found;
    }

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b(?:T|text|Text|localizer|Localizer)\[\s*""([^""]+)""(?!\s*\+)")]
    private static partial Regex LocalizerIndexer();

    [GeneratedRegex(@"\bErrorMessage\s*=\s*""([^""]+)""")]
    private static partial Regex ErrorMessageArgument();

    [GeneratedRegex(@"\bDisplay\(\s*Name\s*=\s*""([^""]+)""")]
    private static partial Regex DisplayName();

    [GeneratedRegex(@"\bnew\(\s*""[^""]*""\s*,\s*""([A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+)""\s*\)")]
    private static partial Regex NavigationLink();

    [GeneratedRegex(@"\b(?:Error|Message|TitleKey|TextKey)\s*=\s*([^;{]+);")]
    private static partial Regex KeyAssignment();

    [GeneratedRegex(@"""([A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+)""")]
    private static partial Regex StringLiteral();

    /// <summary>A whole literal shaped like a key, not the start of a concatenation ("Problem.Status" + code).</summary>
    [GeneratedRegex(@"""([A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+)""(?!\s*\+)")]
    private static partial Regex KeyShapedLiteral();
}
