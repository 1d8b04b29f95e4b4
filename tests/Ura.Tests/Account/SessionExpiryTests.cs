using System.Net;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Account;

public sealed class SessionExpiryTests(ClockedUraFactory factory) : IClassFixture<ClockedUraFactory>
{
    [Fact]
    public async Task Session_IdleLongerThanLimit_SignInAgainWithExpiredMessage()
    {
        var client = await factory.SignInAsync(Demo.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        factory.Clock.Advance(TimeSpan.FromMinutes(21));
        var response = await client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("expired=true", response.Headers.Location!.OriginalString);

        var login = await client.GetAsync(response.Headers.Location);
        // The analyst in Albania prefers Albanian, applied at sign-in.
        Assert.Contains("Seanca juaj përfundoi pas një periudhe pa aktivitet.", await login.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Session_ActiveEveryFewMinutes_StaysSignedIn()
    {
        var client = await factory.SignInAsync(Demo.Email("analyst", "mk"));
        for (var i = 0; i < 4; i++)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(12));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }
    }

    [Fact]
    public async Task Session_PastSecurityStampCheck_KeepsTwoFactorSignIn()
    {
        // The stamp is re-checked every minute; the refreshed sign-in must still count as two-factor.
        var client = await factory.SignInAsync(Demo.Email("caseworker", "me"));
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var first = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);
    }
}
