using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Account;

public sealed partial class TokenTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private HttpClient Bearer(string token)
    {
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<string> CreateOnPageAsync(HttpClient client, string name)
    {
        var response = await UraFactory.PostFormAsync(client, "/account/tokens?handler=Create",
            new() { ["Input.Name"] = name, ["Input.Days"] = "30" }, formPage: "/account/tokens");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = Secret().Match(await response.Content.ReadAsStringAsync());
        Assert.True(match.Success, "The new token is shown once on the page.");
        return match.Value;
    }

    [Fact]
    public async Task TokenFromPage_WorksAsBearerOnApi_StoredOnlyAsHash()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var secret = await CreateOnPageAsync(client, "reporting script");

        var me = await Bearer(secret).GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(Demo.CaseWorker, me.GetProperty("email").GetString());
        Assert.Contains("CaseWorker", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var hashes = await factory.WithDb(db => db.PersonalAccessTokens.Select(t => t.Hash).ToListAsync());
        Assert.DoesNotContain(secret, hashes);
        Assert.Contains(Ura.Platform.Identity.PersonalAccessToken.HashOf(secret), hashes);
        // The list shows the token by name and its first characters, never the whole secret again.
        var list = await client.GetStringAsync("/account/tokens");
        Assert.Contains("reporting script", list);
        Assert.DoesNotContain(secret, list);
    }

    [Fact]
    public async Task RevokedToken_Rejected401WithProblemDetails()
    {
        var client = await factory.SignInAsync(Demo.Supervisor);
        var created = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "to revoke", days = 10 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await Bearer(secret).GetAsync("/api/v1/me")).StatusCode);

        var revoke = await client.DeleteAsync($"/api/v1/tokens/{body.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        var response = await Bearer(secret).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("malformed, expired or revoked", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("ura_pat_short")]
    [InlineData("ura_pat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task MalformedOrUnknownToken_Rejected401(string token)
    {
        var response = await Bearer(token).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task ExpiredToken_Rejected401()
    {
        var client = await factory.SignInAsync(Demo.Email("caseworker", "xk"));
        var secret = await CreateOnPageAsync(client, "short lived");
        var hash = Ura.Platform.Identity.PersonalAccessToken.HashOf(secret);
        await factory.WithDb(async db =>
        {
            var token = await db.PersonalAccessTokens.SingleAsync(t => t.Hash == hash);
            token.ExpiresAt = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(secret).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task RevokeAnotherUsersToken_404AndTokenStillWorks()
    {
        var owner = await factory.SignInAsync(Demo.Email("supervisor", "mk"));
        var created = await (await owner.PostAsJsonAsync("/api/v1/tokens", new { name = "mine", days = 30 })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();

        var stranger = await factory.SignInAsync(Demo.Email("supervisor", "rs"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/tokens/{id}")).StatusCode);
        var page = await UraFactory.PostFormAsync(stranger, $"/account/tokens?handler=Revoke&id={id}", [], formPage: "/account/tokens");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);

        Assert.Null(await factory.WithDb(db => db.PersonalAccessTokens.Where(t => t.Id == Guid.Parse(id!)).Select(t => t.RevokedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await Bearer(created.GetProperty("token").GetString()!).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task CreateToken_BadInput_ValidationProblemAndNothingStored()
    {
        var client = await factory.SignInAsync(Demo.Email("supervisor", "me"));
        var before = await factory.WithDb(db => db.PersonalAccessTokens.CountAsync());

        var response = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "", days = 1000 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("days", out _));

        var malformed = await client.PostAsync("/api/v1/tokens", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        var page = await UraFactory.PostFormAsync(client, "/account/tokens?handler=Create",
            new() { ["Input.Name"] = "", ["Input.Days"] = "30" }, formPage: "/account/tokens");
        // The Montenegrin supervisor works in Serbian (Latin), applied at sign-in.
        Assert.Contains("Ovo polje je obavezno.", await page.Content.ReadAsStringAsync());
        Assert.Contains("Ovo polje je obavezno.", errors.GetProperty("name")[0].GetString());
        Assert.Equal(before, await factory.WithDb(db => db.PersonalAccessTokens.CountAsync()));
    }

    [Fact]
    public async Task Api_WithoutCredentials_401ProblemNotRedirect()
    {
        var response = await factory.Anonymous().GetAsync("/api/v1/tokens");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("ura_pat_[A-Za-z0-9_-]{43}")]
    private static partial Regex Secret();
}
