using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Awareness.Public;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Awareness.Public.HelpPageTestSupport;

namespace Ura.Tests.Awareness.Public;

/// <summary>
/// Writing, reviewing and publishing help pages: the workflow, who may do it (the matrix, another country's
/// editor gets 404 and changes nothing) and bad input (localised error, nothing changed).
/// </summary>
public sealed class HelpPageEditingTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static readonly string Outreach = Demo.Email("outreach", "al");
    private static readonly string Coordinator = Demo.Email("coordinator", "al");

    [Fact]
    public async Task Review_DraftSubmittedAndApproved_PublishesAndSupersedesPrevious()
    {
        var author = await factory.SignInAsync(Outreach);
        var reviewer = await factory.SignInAsync(Coordinator);
        var id = await factory.PageIdAsync("AL", "en", HelpTopic.WarningSigns);

        var saved = await SaveDraftAsync(author, "en", "warning-signs", "Signs to watch for", "## Job offers\n\n- No contract.\n\nCall [112](tel:112).");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var draft = (await ViewAsync(saved)).Versions[0];
        Assert.Equal((2, "Draft"), (draft.Number, draft.Status));
        // The visitor still reads version 1 while version 2 is a draft.
        Assert.DoesNotContain("Signs to watch for", await factory.Anonymous().GetStringAsync("/help/al/en/warning-signs"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await author.PostAsync($"/api/v1/awareness/pages/{id}/submit", null)).StatusCode);
        var reviewed = await ReviewAsync(reviewer, id, approve: true);

        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
        var view = await ViewAsync(reviewed);
        Assert.Equal(["Published", "Superseded"], view.Versions.Select(v => v.Status));
        Assert.Equal((await factory.UserAsync(Coordinator)).Id, view.Versions[0].ReviewerId);
        Assert.Equal((await factory.UserAsync(Outreach)).Id, view.Versions[0].AuthorId);
        Assert.NotNull(view.Versions[0].PublishedAt);
        Assert.Contains("Signs to watch for", await factory.Anonymous().GetStringAsync("/help/al/en/warning-signs"), StringComparison.Ordinal);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "helppage.publish" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task Review_AuthorApprovesOwnVersion_RefusedLocalisedAndUnchanged()
    {
        var author = await factory.SignInAsync(Demo.Email("coordinator", "xk"));
        var id = await factory.PageIdAsync("XK", "sq", HelpTopic.SafeMigration);
        Assert.Equal(HttpStatusCode.OK, (await SaveDraftAsync(author, "sq", "safe-migration", "Punë jashtë", "Teksti i ri.")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await author.PostAsync($"/api/v1/awareness/pages/{id}/submit", null)).StatusCode);
        var before = await factory.SnapshotAsync();

        var response = await ReviewAsync(author, id, approve: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text("HelpPages.OwnVersion", "sq"), await ProblemTextAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await factory.SnapshotAsync());
    }

    [Fact]
    public async Task Review_SendBackWithComment_DraftAgainWithComment()
    {
        var author = await factory.SignInAsync(Demo.Email("outreach", "me"));
        var reviewer = await factory.SignInAsync(Demo.Email("coordinator", "me"));
        var id = await factory.PageIdAsync("ME", "sr-Latn", HelpTopic.YourRights);
        await SaveDraftAsync(author, "sr-Latn", "your-rights", "Prava", "Tekst.");
        await author.PostAsync($"/api/v1/awareness/pages/{id}/submit", null);

        var withoutComment = await ReviewAsync(reviewer, id, approve: false);
        var sentBack = await ReviewAsync(reviewer, id, approve: false, "Dodajte broj linije za pomoć.");

        Assert.Equal(HttpStatusCode.BadRequest, withoutComment.StatusCode);
        Assert.Contains(factory.Text("HelpPages.CommentRequired", "sr-Latn"), await ProblemTextAsync(withoutComment), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sentBack.StatusCode);
        var view = await ViewAsync(sentBack);
        Assert.Equal(("Draft", "Dodajte broj linije za pomoć."), (view.Versions[0].Status, view.Versions[0].ReviewComment));
        Assert.Equal("Published", view.Versions[1].Status);
    }

    [Fact]
    public async Task SaveDraft_WhileInReview_RefusedAndUnchanged()
    {
        var author = await factory.SignInAsync(Demo.Email("outreach", "rs"));
        var id = await factory.PageIdAsync("RS", "en", HelpTopic.GetHelp);
        await SaveDraftAsync(author, "en", "get-help", "Help", "Call [112](tel:112).");
        await author.PostAsync($"/api/v1/awareness/pages/{id}/submit", null);
        var before = await factory.SnapshotAsync();

        var response = await SaveDraftAsync(author, "en", "get-help", "Help again", "Changed.");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text("HelpPages.WaitingForReview", "sr-Latn"), await ProblemTextAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await factory.SnapshotAsync());
    }

    public static TheoryData<string, string, string> BadDrafts => new()
    {
        { "get-help", "Hello <script>alert(1)</script>", "HelpPages.RawHtml" },
        { "get-help", "<img src=x onerror=alert(1)>", "HelpPages.RawHtml" },
        { "get-help", "[click me](javascript:alert(1))", "HelpPages.LinkNotAllowed" },
        { "get-help", "![x](https://evil.example/a.png)", "HelpPages.NoImages" },
        { "get-help", new string('a', 20_001), "HelpPages.BodyTooLong" },
        { "no-such-topic", "Text.", "HelpPages.UnknownTopic" },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task SaveDraft_BadInput_RefusedInAlbanianAndUnchanged(string topic, string body, string messageKey)
    {
        var editor = await factory.SignInAsync(Outreach);
        var before = await factory.SnapshotAsync();

        var response = await SaveDraftAsync(editor, "sq", topic, "Titulli", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text(messageKey, "sq"), await ProblemTextAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await factory.SnapshotAsync());
    }

    [Fact]
    public async Task WritePage_ScriptInBody_ErrorOnPageInAlbanianAndUnchanged()
    {
        var editor = await factory.SignInAsync(Outreach);
        var before = await factory.SnapshotAsync();

        var response = await UraFactory.PostFormAsync(editor, "/awareness/pages/write/sq/get-help", new()
        {
            ["Input.Title"] = "Ndihmë",
            ["Input.Body"] = "<script>alert(1)</script>",
        });
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("HelpPages.RawHtml", "sq"), System.Net.WebUtility.HtmlDecode(raw), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", raw, StringComparison.Ordinal);
        Assert.Equal(before, await factory.SnapshotAsync());
    }

    [Fact]
    public async Task Pages_WriteSubmitAndApproveThroughForms_Published()
    {
        var author = await factory.SignInAsync(Demo.Email("outreach", "ba"));
        var reviewer = await factory.SignInAsync(Demo.Email("coordinator", "ba"));
        var id = await factory.PageIdAsync("BA", "mk", HelpTopic.WhatIsTrafficking);

        var saved = await UraFactory.PostFormAsync(author, "/awareness/pages/write/mk/what-is-trafficking", new()
        {
            ["Input.Title"] = "Што е трговија со луѓе — ново",
            ["Input.Body"] = "Нов текст со **важни** зборови.",
        });
        Assert.Equal($"/awareness/pages/{id}", AdminTestSupport.RedirectPath(saved));
        var preview = await (await author.GetAsync($"/awareness/pages/{id}")).HtmlAsync();
        Assert.Contains("<strong>важни</strong>", preview, StringComparison.Ordinal);
        var submitted = await UraFactory.PostFormAsync(author, $"/awareness/pages/{id}?handler=Submit", [], formPage: $"/awareness/pages/{id}");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var approved = await UraFactory.PostFormAsync(reviewer, $"/awareness/pages/{id}?handler=Review", new() { ["Review.Approve"] = "true" }, formPage: $"/awareness/pages/{id}");

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var history = await (await reviewer.GetAsync($"/awareness/pages/{id}")).HtmlAsync();
        Assert.Contains(factory.Text("HelpVersionStatus.Superseded", "sr-Latn"), history, StringComparison.Ordinal);
        Assert.Contains("Што е трговија со луѓе — ново", await (await factory.Anonymous().GetAsync("/help/ba/mk/what-is-trafficking")).HtmlAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("outreach", HttpStatusCode.OK)]
    [InlineData("coordinator", HttpStatusCode.OK)]
    [InlineData("caseworker", HttpStatusCode.Forbidden)]
    [InlineData("supervisor", HttpStatusCode.Forbidden)]
    [InlineData("analyst", HttpStatusCode.Forbidden)]
    [InlineData("police", HttpStatusCode.Forbidden)]
    [InlineData("orgadmin", HttpStatusCode.Forbidden)]
    public async Task Matrix_RolesOnPagesAndApi_OnlyEditorsAllowed(string login, HttpStatusCode expected)
    {
        var client = await factory.SignInAsync(Demo.Email(login, "al"));
        var id = await factory.PageIdAsync("AL", "en", HelpTopic.GetHelp);

        foreach (var url in new[] { "/awareness/pages", "/awareness/pages/write/en/get-help", $"/awareness/pages/{id}" })
            Assert.Equal(expected, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, url)));
        Assert.Equal(expected, (await client.GetAsync("/api/v1/awareness/pages")).StatusCode);
        Assert.Equal(expected, (await client.GetAsync($"/api/v1/awareness/pages/{id}")).StatusCode);
    }

    [Fact]
    public async Task Matrix_Anonymous_SignInForPagesAnd401ForApi()
    {
        using var client = factory.Anonymous();
        var id = await factory.PageIdAsync("AL", "en", HelpTopic.GetHelp);

        foreach (var url in new[] { "/awareness/pages", "/awareness/pages/write/en/get-help", $"/awareness/pages/{id}" })
            Assert.Equal("/account/login", AdminTestSupport.RedirectPath(await client.GetAsync(url)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/awareness/pages")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SaveDraftAsync(client, "en", "get-help", "x", "y")).StatusCode);
    }

    [Fact]
    public async Task Matrix_OtherCountryEditor_NotFoundAndUnchanged()
    {
        var owner = await factory.SignInAsync(Demo.Email("outreach", "mk"));
        var id = await factory.PageIdAsync("MK", "en", HelpTopic.YourRights);
        await SaveDraftAsync(owner, "en", "your-rights", "Your rights (new)", "New text.");
        await owner.PostAsync($"/api/v1/awareness/pages/{id}/submit", null);
        var other = await factory.SignInAsync(Demo.Email("coordinator", "rs"));
        var before = await factory.SnapshotAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/awareness/pages/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ReviewAsync(other, id, approve: true)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/awareness/pages/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/awareness/pages/{id}")).StatusCode);
        Assert.DoesNotContain(id.ToString(), await other.GetStringAsync("/api/v1/awareness/pages"), StringComparison.Ordinal);
        Assert.Equal(before, await factory.SnapshotAsync());
    }

    [Fact]
    public async Task SaveDraft_NewLanguageOfOwnCountry_CreatesPageForEditorsCountryOnly()
    {
        var editor = await factory.SignInAsync(Demo.Email("outreach", "xk"));
        var removed = await factory.WithDb(async db =>
        {
            var page = await db.HelpPages.Include(p => p.Versions).SingleAsync(p => p.CountryCode == "XK" && p.Language == "mk" && p.Topic == HelpTopic.GetHelp);
            db.HelpPageVersions.RemoveRange(page.Versions);
            db.HelpPages.Remove(page);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(2, removed);

        var response = await SaveDraftAsync(editor, "mk", "get-help", "Помош", "Јавете се на [112](tel:112).");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await ViewAsync(response);
        Assert.Equal(("XK", 1, "Draft"), (view.CountryCode, view.Versions.Single().Number, view.Versions.Single().Status));
    }
}
