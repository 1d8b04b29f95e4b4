using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Identity;
using Ura.Resources;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Admin;

/// <summary>Shared steps for the admin tests: ids of demo rows, localised texts, page and API calls.</summary>
internal static class AdminTestSupport
{
    /// <summary>The resource text as a person using <paramref name="culture"/> reads it.</summary>
    public static string Text(this UraFactory factory, string key, string culture = "en")
    {
        var text = factory.Services.GetRequiredService<IStringLocalizer<Text>>();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return text[key];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    public static Task<User> UserAsync(this UraFactory factory, string email) =>
        factory.WithDb(db => db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));

    public static Task<List<string>> RolesOfAsync(this UraFactory factory, Guid userId) =>
        factory.WithDb(db => db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).OrderBy(n => n).ToListAsync());

    /// <summary>Creates a user straight through <see cref="UserAccounts"/>, for tests that change users (demo users stay as they are).</summary>
    public static async Task<Guid> CreateUserAsync(this UraFactory factory, string email, Guid organisationId, params string[] roles)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .CreateAsync(email, "Test Person", organisationId, roles, UserAccounts.NewPassword(), CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));
        return (await factory.UserAsync(email)).Id;
    }

    /// <summary>The page as HTML text, entities decoded (Razor encodes every non-ASCII letter).</summary>
    public static async Task<string> HtmlAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>
    /// Sends a request and reports the status a person ends up seeing: a page that refuses access
    /// redirects to the access-denied page, which answers 403. Other redirects are reported as they are.
    /// </summary>
    public static async Task<HttpStatusCode> FinalStatusAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request);
        return (await FollowAccessDeniedAsync(client, response)).StatusCode;
    }

    public static async Task<HttpResponseMessage> FollowAccessDeniedAsync(HttpClient client, HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && RedirectPath(response) == "/account/access-denied"
            ? await client.GetAsync(response.Headers.Location)
            : response;

    /// <summary>The path a redirect points to, without query, whether the location is absolute or not.</summary>
    public static string? RedirectPath(HttpResponseMessage response) => response.Headers.Location switch
    {
        null => null,
        { IsAbsoluteUri: true } uri => uri.AbsolutePath,
        var uri => uri.OriginalString.Split('?')[0],
    };

    public static HttpRequestMessage Json(HttpMethod method, string url, object? body) =>
        new(method, url) { Content = body is null ? null : JsonContent.Create(body) };

    /// <summary>Posts a page form with an antiforgery token taken from a page every signed-in user may open.</summary>
    public static Task<HttpResponseMessage> PostPageAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null) =>
        UraFactory.PostFormAsync(client, url, fields, formPage ?? "/account/tokens");

    /// <summary>The messages of one field of a ValidationProblem.</summary>
    public static async Task<string[]> ProblemErrorsAsync(HttpResponseMessage response, string field)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("errors").TryGetProperty(field, out var messages)
            ? [.. messages.EnumerateArray().Select(m => m.GetString()!)]
            : [];
    }
}
