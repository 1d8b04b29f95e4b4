using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ura.Features.Awareness.Public;

/// <summary>The topics of a country's help pages in one language, and the way to its services. No sign-in.</summary>
[AllowAnonymous]
public sealed class HelpTopicsModel(PublicHelpReading reading) : PageModel
{
    public string Cc { get; private set; } = "";
    public string Lang { get; private set; } = "";
    public IReadOnlyList<(HelpTopic Topic, string Title)> Topics { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string cc, string lang)
    {
        if (await reading.CountryAsync(cc, HttpContext.RequestAborted) is not { } country || !PublicHelpReading.IsLanguage(lang))
            return NotFound();
        (Cc, Lang) = (cc, lang);
        Topics = await reading.TopicsAsync(country, lang, HttpContext.RequestAborted);
        return Page();
    }
}

/// <summary>One published help page. No sign-in.</summary>
[AllowAnonymous]
public sealed class HelpTopicModel(PublicHelpReading reading) : PageModel
{
    public string Cc { get; private set; } = "";
    public string Lang { get; private set; } = "";
    public PublishedHelpPage Shown { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string cc, string lang, string topic)
    {
        if (await reading.CountryAsync(cc, HttpContext.RequestAborted) is not { } country || !PublicHelpReading.IsLanguage(lang)
            || HelpTopics.FromSlug(topic) is not { } helpTopic
            || await reading.PageAsync(country, lang, helpTopic, HttpContext.RequestAborted) is not { } content)
            return NotFound();
        (Cc, Lang, Shown) = (cc, lang, content);
        return Page();
    }
}

/// <summary>The directory's services of a country that are not at a confidential place. No sign-in.</summary>
[AllowAnonymous]
public sealed class HelpServicesModel(PublicHelpReading reading) : PageModel
{
    public string Cc { get; private set; } = "";
    public string Lang { get; private set; } = "";
    public IReadOnlyList<PublicService> Services { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string cc, string lang)
    {
        if (await reading.CountryAsync(cc, HttpContext.RequestAborted) is not { } country || !PublicHelpReading.IsLanguage(lang))
            return NotFound();
        (Cc, Lang) = (cc, lang);
        Services = await reading.ServicesAsync(country, HttpContext.RequestAborted);
        return Page();
    }
}
