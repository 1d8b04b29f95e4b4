using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ura.Features.Awareness.HelpRequests;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.HelpRequests;

/// <summary>A Ura application whose help-request limits the test chooses (the default factory leaves them generous).</summary>
public class HelpRequestFactory : UraFactory
{
    protected virtual int PerHour => 10_000;
    protected virtual int PerCountryPerDay => 10_000;

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ura:HelpRequests:PerHour"] = PerHour.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ura:HelpRequests:PerCountryPerDay"] = PerCountryPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        return base.CreateHost(builder);
    }
}

/// <summary>Two requests per address per hour.</summary>
public sealed class RateLimitedHelpRequestFactory : HelpRequestFactory
{
    protected override int PerHour => 2;
}

/// <summary>A daily cap already reached: no request is taken today.</summary>
public sealed class FullInboxHelpRequestFactory : HelpRequestFactory
{
    protected override int PerCountryPerDay => 0;
}

internal static class HelpRequestTestSupport
{
    public static readonly string Hotline = Demo.Email("hotline");

    /// <summary>A form token as if the form had been shown <paramref name="secondsAgo"/> seconds ago.</summary>
    public static string Token(this UraFactory factory, double secondsAgo = 10) =>
        factory.Services.GetRequiredService<HelpRequestFormToken>().Issue(DateTimeOffset.UtcNow.AddSeconds(-secondsAgo));

    public static Dictionary<string, string> Form(this UraFactory factory, string account = "They took my passport and I cannot leave.",
        string danger = "No", string country = "AL", string language = "sq", string? contact = null, string? token = null) => new()
    {
        ["Input.Account"] = account,
        ["Input.SafeContact"] = contact ?? "",
        ["Input.Danger"] = danger,
        ["Input.Country"] = country,
        ["Input.Language"] = language,
        ["website"] = "",
        ["token"] = token ?? factory.Token(),
    };

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, Dictionary<string, string> form, string url = "/help/al/sq/request") =>
        client.PostAsync(url, new FormUrlEncodedContent(form));

    public static Task<int> CountAsync(this UraFactory factory) => factory.WithDb(db => db.HelpRequests.CountAsync());

    /// <summary>Sends a request anonymously and returns its id (the newest with that text).</summary>
    public static async Task<Guid> SubmitAsync(this UraFactory factory, string account, string country = "AL", string danger = "No")
    {
        var response = await SendAsync(factory.Anonymous(), factory.Form(account, danger, country), $"/help/{country.ToLowerInvariant()}/en/request");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        // The text is encrypted, so the search happens after decryption.
        return await factory.WithDb(async db => (await db.HelpRequests.AsNoTracking().Where(r => r.CountryCode == country).ToListAsync())
            .Where(r => r.Account == account).OrderByDescending(r => r.ReceivedAt).First().Id);
    }

    /// <summary>Everything about a request that an action could change.</summary>
    public static Task<string> SnapshotAsync(this UraFactory factory, Guid id) => factory.WithDb(async db =>
    {
        var r = await db.HelpRequests.AsNoTracking().SingleAsync(x => x.Id == id);
        return $"{r.Status}|{r.HandledByOrganisationId}|{r.HandledById}|{r.HandledAt:O}|{r.ScreeningId}|{r.CaseId}|{r.CloseReason}|{r.Account}";
    });
}
