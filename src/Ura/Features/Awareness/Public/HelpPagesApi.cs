using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Awareness.Public;

/// <summary><c>/api/v1/awareness/pages</c>: the public help pages of the editor's country, for outreach officers and national coordinators.</summary>
public static class HelpPagesApi
{
    public static void MapHelpPagesApi(this RouteGroupBuilder api)
    {
        var pages = api.MapGroup("/awareness/pages").WithTags("Help pages");
        pages.MapGet("", List).WithName("ListHelpPages")
            .WithSummary("The help pages of the editor's country, by topic and language, with the latest version's status and the published version's number.")
            .RequireAuthorization(Policies.HelpPagesEditor);
        pages.MapGet("/{id:guid}", Get).WithName("GetHelpPage")
            .WithSummary("One help page of the editor's country with the history of its versions, newest first.")
            .RequireAuthorization(Policies.HelpPagesEditor);
        pages.MapPut("/draft", SaveDraft).WithName("SaveHelpPageDraft")
            .WithSummary("Saves the draft of the page for a language and topic of the editor's country (the page and a new version are created when needed). Markdown without raw HTML or images; refused while a version waits for review.")
            .RequireAuthorization(Policies.HelpPagesEditor);
        pages.MapPost("/{id:guid}/submit", Submit).WithName("SubmitHelpPage")
            .WithSummary("Sends the draft for review.")
            .RequireAuthorization(Policies.HelpPagesEditor);
        pages.MapPost("/{id:guid}/review", Review).WithName("ReviewHelpPage")
            .WithSummary("Approves the version in review (it is published and replaces the published one) or sends it back with a comment. Its author cannot review it.")
            .RequireAuthorization(Policies.HelpPagesEditor);
    }

    private static async Task<Ok<IReadOnlyList<HelpPageRow>>> List(HelpPageEditing editing, CancellationToken ct, string? language = null, string? topic = null) =>
        TypedResults.Ok(await editing.ListAsync(language, topic, ct));

    private static async Task<Results<Ok<HelpPageView>, NotFound>> Get(Guid id, HelpPageEditing editing, CancellationToken ct) =>
        await editing.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Ok<HelpPageView>, NotFound, ValidationProblem>> SaveDraft(
        DraftInput body, HelpPageEditing editing, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await editing.SaveDraftAsync(body, ct)).ToOk(text);

    private static async Task<Results<Ok<HelpPageView>, NotFound, ValidationProblem>> Submit(
        Guid id, HelpPageEditing editing, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await editing.SubmitAsync(id, ct)).ToOk(text);

    private static async Task<Results<Ok<HelpPageView>, NotFound, ValidationProblem>> Review(
        Guid id, ReviewInput body, HelpPageEditing editing, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await editing.ReviewAsync(id, body, ct)).ToOk(text);
}
