using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.CaseContent.CaseContentSupport;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.CaseContent;

/// <summary>Case notes: encrypted, newest first, paged, append-only.</summary>
public sealed class NotesTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task AddNote_Api_SavedEncryptedWithAuthorAndTimeline()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");
        var opened = await OpenAsync(client, Adult("Klea", "Dervishi"));

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/notes", new { text = "Met Klea at the shelter; she asked about her sister." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var note = (await response.Content.ReadFromJsonAsync<NoteView>(WebJson))!;
        Assert.Equal((await factory.UserAsync(Demo.CaseWorker)).DisplayName, note.Author);
        var stored = await factory.WithDb(db => db.Database.SqlQuery<string>($"""SELECT "Text" AS "Value" FROM "CaseNotes" WHERE "Id" = {note.Id}""").SingleAsync());
        Assert.DoesNotContain("sister", stored, StringComparison.Ordinal);
        Assert.True(await factory.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == opened.Id && e.Action == "note.add")));
    }

    [Fact]
    public async Task ListNotes_MoreThanAPage_NewestFirstAndPaged()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");
        var opened = await OpenAsync(client, Adult("Besjana", "Hysa"));
        for (var i = 1; i <= NoteRules.PageSize + 2; i++)
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/notes", new { text = $"Note {i}" })).StatusCode);

        var first = await client.GetFromJsonAsync<Paged<NoteView>>($"/api/v1/cases/{opened.Id}/notes", WebJson);
        var second = await client.GetFromJsonAsync<Paged<NoteView>>($"/api/v1/cases/{opened.Id}/notes?page=2", WebJson);
        var html = await (await client.GetAsync($"/cases/{opened.Id}/notes?page=2")).HtmlAsync();

        Assert.Equal(NoteRules.PageSize + 2, first!.TotalCount);
        Assert.Equal($"Note {NoteRules.PageSize + 2}", first.Items[0].Text);
        Assert.Equal(["Note 2", "Note 1"], second!.Items.Select(n => n.Text));
        Assert.Contains(">Note 1<", html, StringComparison.Ordinal);
        Assert.DoesNotContain($">Note {NoteRules.PageSize + 2}<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotesPage_AddNote_RedirectsAndShowsIt()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");
        var opened = await OpenAsync(client, Adult("Alma", "Shehu"));

        var response = await UraFactory.PostFormAsync(client, $"/cases/{opened.Id}/notes", new() { ["Text"] = "Thirrje telefonike me nënën." });
        var html = await (await client.GetAsync($"/cases/{opened.Id}/notes")).HtmlAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Thirrje telefonike me nënën.", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("   ", "Validation.Required")]
    [InlineData(null, "Validation.TooLong")]
    public async Task NotesPage_EmptyOrTooLong_LocalisedErrorNothingSaved(string? text, string key)
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "mk");
        var opened = await OpenAsync(client, Adult("Ивана", "Николовска"));
        var before = await factory.ContentCountsAsync(opened.Id);

        var response = await UraFactory.PostFormAsync(client, $"/cases/{opened.Id}/notes", new() { ["Text"] = text ?? new string('a', NoteRules.MaxLength + 1) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text(key, "mk"), await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.ContentCountsAsync(opened.Id));
    }

    [Fact]
    public async Task AddNote_ApiBadInputAndClosedCase_LocalisedErrorsNothingSaved()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");
        var opened = await OpenAsync(client, Adult("Drilona", "Berisha"));
        var before = await factory.ContentCountsAsync(opened.Id);

        var empty = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/notes", new { text = "" });
        await factory.CloseAsync(opened.Id);
        var closed = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/notes", new { text = "After closing" });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal([factory.Text("Validation.Required", "sq")], await ProblemErrorsAsync(empty, "text"));
        Assert.Equal(HttpStatusCode.BadRequest, closed.StatusCode);
        Assert.Equal([factory.Text("Cases.Closed", "sq")], await ProblemErrorsAsync(closed, ""));
        Assert.Equal(before, await factory.ContentCountsAsync(opened.Id));
    }

    [Fact]
    public void Notes_NoEditOrDeleteEndpoint_AppendOnly()
    {
        var routes = Endpoints.All(factory).Where(e => Endpoints.Route(e).Contains("/notes", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(routes);
        Assert.DoesNotContain(routes, e => Endpoints.Methods(e).Any(m => m is "PUT" or "PATCH" or "DELETE"));
    }
}
