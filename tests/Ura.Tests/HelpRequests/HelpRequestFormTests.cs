using System.Net;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Awareness.HelpRequests;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.HelpRequests.HelpRequestTestSupport;

namespace Ura.Tests.HelpRequests;

/// <summary>The public request for help: no cookie, stored encrypted without the sender's address, bots and bad input refused.</summary>
public sealed class HelpRequestFormTests(HelpRequestFactory factory) : IClassFixture<HelpRequestFactory>
{
    [Fact]
    public async Task Get_Anonymous_AlbanianFormWithEmergencyNumbersAndNoCookie()
    {
        var response = await factory.Anonymous().GetAsync("/help/al/sq/request");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var html = await response.HtmlAsync();
        Assert.Contains(factory.Text("HelpRequests.Form.Title", "sq"), html);
        Assert.Contains("tel:112", html);
        Assert.Contains("tel:129", html);
        Assert.Contains("name=\"token\"", html);
        Assert.DoesNotContain("__af", html);
    }

    [Theory]
    [InlineData("/help/zz/sq/request")]
    [InlineData("/help/al/de/request")]
    public async Task Get_UnknownCountryOrLanguage_NotFound(string url) =>
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Anonymous().GetAsync(url)).StatusCode);

    [Fact]
    public async Task Post_Valid_StoredEncryptedWithoutCookieOrAddress()
    {
        var account = "Më morën pasaportën " + Guid.NewGuid().ToString("N");
        var response = await SendAsync(factory.Anonymous(), factory.Form(account, "NotSure", contact: "SMS after 8 pm"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/help/al/sq/request?sent=NotSure", response.Headers.Location!.OriginalString);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var stored = await factory.WithDb(async db => (await db.HelpRequests.AsNoTracking().ToListAsync()).Single(r => r.Account == account));
        Assert.Equal(("AL", "sq", DangerNow.NotSure, HelpRequestStatus.New, "SMS after 8 pm"),
            (stored.CountryCode, stored.Language, stored.Danger, stored.Status, stored.SafeContact));
        // Encrypted at rest: the raw column never holds the words.
        var raw = await factory.WithDb(db => db.Database.SqlQuery<string>($"""SELECT "Account" AS "Value" FROM "HelpRequests" """).ToListAsync());
        Assert.NotEmpty(raw);
        Assert.DoesNotContain(raw, v => v.Contains("pasaport", StringComparison.Ordinal));
        // Nothing about the connection is kept: no such column, and no audit event (which would carry the address).
        var columns = await factory.WithDb(db => Task.FromResult(db.Model.FindEntityType(typeof(HelpRequest))!.GetProperties().Select(p => p.Name).Order().ToList()));
        Assert.Equal(["Account", "CaseId", "CloseReason", "CountryCode", "Danger", "HandledAt", "HandledById", "HandledByOrganisationId", "Id",
            "Language", "ReceivedAt", "SafeContact", "ScreeningId", "Status"], columns);
        Assert.False(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.EntityId == stored.Id.ToString())));
    }

    [Fact]
    public async Task Sent_InDanger_EmergencyNumbersComeFirstThenThanks()
    {
        var response = await factory.Anonymous().GetAsync("/help/al/sq/request?sent=Yes");

        Assert.False(response.Headers.Contains("Set-Cookie"));
        var html = await response.HtmlAsync();
        var urgent = html.IndexOf(factory.Text("HelpRequests.Emergency.Urgent", "sq"), StringComparison.Ordinal);
        var thanks = html.IndexOf(factory.Text("HelpRequests.Sent.Thanks", "sq"), StringComparison.Ordinal);
        Assert.True(urgent >= 0 && thanks > urgent);
        Assert.True(html.IndexOf("tel:112", StringComparison.Ordinal) < thanks);
        Assert.DoesNotContain("<form method=\"post\"", html);
    }

    [Fact]
    public async Task Post_HoneypotFilled_RefusedLocalisedAndNothingStored()
    {
        var before = await factory.CountAsync();
        var form = factory.Form();
        form["website"] = "http://spam.example";

        var response = await SendAsync(factory.Anonymous(), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text("HelpRequests.Form.Refused", "sq"), await response.HtmlAsync());
        Assert.Equal(before, await factory.CountAsync());
    }

    [Theory]
    [InlineData(0, "HelpRequests.Form.Refused")]          // sent at once: a program, not a person
    [InlineData(3 * 3600, "HelpRequests.Form.Expired")]   // open for hours
    public async Task Post_TokenTooFastOrTooOld_RefusedLocalisedAndNothingStored(double secondsAgo, string message)
    {
        var before = await factory.CountAsync();

        var response = await SendAsync(factory.Anonymous(), factory.Form(token: factory.Token(secondsAgo)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text(message, "sq"), await response.HtmlAsync());
        Assert.Equal(before, await factory.CountAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task Post_MissingOrForgedToken_RefusedAndNothingStored(string token)
    {
        var before = await factory.CountAsync();

        var response = await SendAsync(factory.Anonymous(), factory.Form(token: token.Length == 0 ? "" : token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await factory.CountAsync());
    }

    [Fact]
    public async Task Post_TokenFromTheRenderedForm_TooFastWhenSentAtOnce()
    {
        var client = factory.Anonymous();
        var html = await (await client.GetAsync("/help/al/en/request")).Content.ReadAsStringAsync();
        var token = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"token\" value=\"([^\"]+)\"").Groups[1].Value);
        var before = await factory.CountAsync();

        var response = await SendAsync(client, factory.Form(token: token), "/help/al/en/request");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text("HelpRequests.Form.Refused"), await response.HtmlAsync());
        Assert.Equal(before, await factory.CountAsync());
    }

    public static TheoryData<string, string, string, string> BadInput => new()
    {
        { "Input.Account", new string('a', HelpRequestInput.MaxAccountLength + 1), "account-error", "HelpRequests.Form.AccountTooLong" },
        { "Input.Account", "", "account-error", "Validation.Required" },
        { "Input.SafeContact", new string('5', HelpRequestInput.MaxContactLength + 1), "contact-error", "HelpRequests.Form.ContactTooLong" },
        { "Input.Danger", "", "danger-error", "Validation.Required" },
        { "Input.Danger", "Maybe", "danger-error", "HelpRequests.Form.DangerRequired" },
        { "Input.Country", "ZZ", "country-error", "Validation.Invalid" },
        { "Input.Language", "de", "language-error", "Validation.Invalid" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Post_BadInput_LocalisedErrorAndNothingStored(string field, string value, string errorId, string message)
    {
        var before = await factory.CountAsync();
        var form = factory.Form();
        form[field] = value;

        var response = await SendAsync(factory.Anonymous(), form, "/help/al/mk/request");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var html = await response.HtmlAsync();
        Assert.Contains($"id=\"{errorId}\">{factory.Text(message, "mk")}", html);
        Assert.Equal(before, await factory.CountAsync());
    }
}

/// <summary>The hourly limit per client address: the refusal is the public page, localised, and stores nothing.</summary>
public sealed class HelpRequestRateLimitTests(RateLimitedHelpRequestFactory factory) : IClassFixture<RateLimitedHelpRequestFactory>
{
    [Fact]
    public async Task Post_OverHourlyLimit_429LocalisedAndNothingMoreStored()
    {
        var client = factory.Anonymous();
        var before = await factory.CountAsync();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(client, factory.Form("Request " + i))).StatusCode);

        var refused = await SendAsync(client, factory.Form("One too many"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Set-Cookie"));
        var html = await refused.HtmlAsync();
        Assert.Contains(factory.Text("HelpRequests.Form.TooMany", "sq"), html);
        Assert.Contains("tel:112", html);
        Assert.Equal(before + 2, await factory.CountAsync());
        // Reading the form is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/help/al/sq/request")).StatusCode);
    }
}

/// <summary>The per-country daily cap: the form asks people to call instead, and takes nothing.</summary>
public sealed class HelpRequestDailyCapTests(FullInboxHelpRequestFactory factory) : IClassFixture<FullInboxHelpRequestFactory>
{
    [Fact]
    public async Task GetAndPost_DailyCapReached_SaysCallTheHotlineAndStoresNothing()
    {
        var before = await factory.CountAsync();
        var page = await (await factory.Anonymous().GetAsync("/help/al/sq/request")).HtmlAsync();
        Assert.Contains(factory.Text("HelpRequests.Form.Full", "sq"), page);
        Assert.DoesNotContain("name=\"Input.Account\"", page);

        var response = await SendAsync(factory.Anonymous(), factory.Form());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains(factory.Text("HelpRequests.Form.Full", "sq"), await response.HtmlAsync());
        Assert.Equal(before, await factory.CountAsync());
    }
}
