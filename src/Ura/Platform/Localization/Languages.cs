using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Ura.Platform.Localization;

/// <summary>The languages Ura speaks. Every string exists in each (LocalizationTests enforce it).</summary>
public static class Languages
{
    public static readonly IReadOnlyList<(string Code, string NativeName)> All =
    [
        ("en", "English"),
        ("sq", "Shqip"),
        ("mk", "Македонски"),
        ("sr-Latn", "Srpski"),
    ];

    public const string CookieName = "ura.lang";

    public static bool IsSupported(string? code) => code is not null && All.Any(l => l.Code == code);

    public static IServiceCollection AddUraLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = All.Select(l => new CultureInfo(l.Code)).ToList();
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = CookieName },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>
    /// At sign-in, a language chosen on the sign-in page wins and becomes the user's preference;
    /// otherwise the user's saved preference is applied. The caller saves the user.
    /// </summary>
    public static void ApplyAtSignIn(HttpContext context, Platform.Identity.User user)
    {
        var feature = context.Features.Get<IRequestCultureFeature>();
        if (feature?.Provider is CookieRequestCultureProvider && IsSupported(feature.RequestCulture.UICulture.Name))
            user.PreferredLanguage = feature.RequestCulture.UICulture.Name;
        else
            Remember(context.Response, user.PreferredLanguage);
    }

    /// <summary>Remembers the choice for a year; the cookie holds only the language code.</summary>
    public static void Remember(HttpResponse response, string code) =>
        response.Cookies.Append(CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(code)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = response.HttpContext.Request.IsHttps });
}
