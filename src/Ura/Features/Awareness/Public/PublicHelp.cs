using Microsoft.AspNetCore.Localization;
using Ura.Platform.Localization;

namespace Ura.Features.Awareness.Public;

/// <summary>Settings of the public help pages (section <c>Ura:Public</c>).</summary>
public sealed class PublicHelpOptions
{
    public const string Section = "Ura:Public";

    /// <summary>
    /// Where quick exit sends a visitor: a neutral, everyday site that says nothing about where they were.
    /// </summary>
    public string QuickExitUrl { get; set; } = "https://www.google.com/";
}

/// <summary>
/// What every public help page shares: the URL shape <c>/help/{cc}/{lang}/...</c>, the language taken from it,
/// and the guarantee that nothing under <c>/help</c> leaves a cookie on a visitor's device.
/// </summary>
public static class PublicHelp
{
    public const string Layout = "/Features/Awareness/Public/_HelpLayout.cshtml";

    public static bool IsPublicHelp(PathString path) => path.StartsWithSegments("/help");

    /// <summary>The language named in a public help URL (<c>/help/al/sq/...</c>, or <c>/help?lang=sq</c>), when Ura speaks it.</summary>
    public static string? LanguageOf(HttpRequest request)
    {
        if (!IsPublicHelp(request.Path))
            return null;
        var segments = request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var lang = segments.Length >= 3 ? segments[2] : request.Query["lang"].ToString();
        return Languages.All.Select(l => l.Code).FirstOrDefault(c => string.Equals(c, lang, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The same public page in another language: only the language segment (or <c>lang</c>) changes.</summary>
    public static string InLanguage(HttpRequest request, string language)
    {
        var segments = request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 3 && segments[0] == "help")
        {
            segments[2] = language;
            return "/" + string.Join('/', segments);
        }
        return "/help?lang=" + Uri.EscapeDataString(language);
    }

    /// <summary>
    /// Reads the language from the URL before the cookie or the browser's header, so the public pages never
    /// need the language cookie. Registered first among the request culture providers.
    /// </summary>
    public sealed class UrlCultureProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var language = LanguageOf(httpContext.Request);
            return Task.FromResult(language is null ? null : new ProviderCultureResult(language));
        }
    }

    /// <summary>
    /// Public help responses carry no cookie, whatever a later component (an error page's form, a sign-in
    /// remnant) tries to set: a cookie on a shared phone can tell an abuser where the visitor has been.
    /// They are not stored by the browser either, for the same reason.
    /// </summary>
    public static IApplicationBuilder UsePublicHelpPrivacy(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (IsPublicHelp(context.Request.Path))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.Remove("Set-Cookie");
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers["Referrer-Policy"] = "no-referrer";
                    return Task.CompletedTask;
                });
            }
            return next(context);
        });
}
