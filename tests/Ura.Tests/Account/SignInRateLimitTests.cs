using System.Net;
using Microsoft.EntityFrameworkCore;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Account;

/// <summary>A Ura application with the default sign-in limit of 20 attempts a minute per address.</summary>
public sealed class DefaultLimitUraFactory : UraFactory
{
    protected override int SignInAttemptsPerMinute => 20;
}

public sealed class SignInRateLimitTests(DefaultLimitUraFactory factory) : IClassFixture<DefaultLimitUraFactory>
{
    [Fact]
    public async Task ManyAccountsFromOneAddress_Over20AttemptsAMinute_429AndNothingAudited()
    {
        var client = factory.Anonymous();
        var token = await UraFactory.AntiforgeryTokenAsync(client, "/account/login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = $"guess{i}@example.org",
                ["Input.Password"] = "Summer2026!",
                ["__af"] = token,
            }));
            statuses.Add(response.StatusCode);
        }
        Assert.All(statuses.Take(20), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[20]);

        // The sign-in form itself still opens, and says why in plain words when posted again.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        var blocked = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Demo.CaseWorker,
            ["Input.Password"] = Ura.Features.Admin.DemoData.Password,
            ["__af"] = token,
        }));
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Contains("Too many attempts", await blocked.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "auth.signin")));
    }
}
