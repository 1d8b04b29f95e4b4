using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Localization;
using Ura.Resources;

namespace Ura.Features.Awareness.Public;

/// <summary>The help pages of the editor's country: every topic in every language, with where each stands.</summary>
[Authorize(Policy = Policies.HelpPagesEditor)]
public sealed class HelpPageListModel(HelpPageEditing editing) : PageModel
{
    public IReadOnlyList<HelpPageRow> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await editing.ListAsync(null, null, HttpContext.RequestAborted);

    public HelpPageRow? Row(HelpTopic topic, string language) => Rows.FirstOrDefault(r => r.Topic == topic.Slug() && r.Language == language);
}

/// <summary>Writing the draft of a page (the country is the editor's), with a preview of the saved draft.</summary>
[Authorize(Policy = Policies.HelpPagesEditor)]
public sealed class HelpPageWriteModel(HelpPageEditing editing, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public DraftInput Input { get; set; } = new();

    public HelpPageView? Existing { get; private set; }
    public HelpTopic Topic { get; private set; }

    public async Task<IActionResult> OnGetAsync(string language, string topic)
    {
        if (!Languages.IsSupported(language) || HelpTopics.FromSlug(topic) is not { } helpTopic)
            return NotFound();
        Topic = helpTopic;
        Existing = await editing.FindAsync(language, helpTopic, HttpContext.RequestAborted);
        var start = Existing?.Open ?? Existing?.Published;
        Input = new DraftInput { Language = language, Topic = topic, Title = start?.Title ?? "", Body = start?.Body ?? "" };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string language, string topic)
    {
        if (!Languages.IsSupported(language) || HelpTopics.FromSlug(topic) is not { } helpTopic)
            return NotFound();
        Topic = helpTopic;
        // The page comes from the address, never from the form.
        Input.Language = language;
        Input.Topic = topic;
        ModelState.Remove("Input.Language");
        ModelState.Remove("Input.Topic");
        if (ModelState.IsValid)
        {
            var result = await editing.SaveDraftAsync(Input, HttpContext.RequestAborted);
            if (result.Succeeded)
                return LocalRedirect($"/awareness/pages/{result.Value!.Id}?done=Saved");
            result.Errors.AddTo(ModelState, text);
        }
        Existing = await editing.FindAsync(language, helpTopic, HttpContext.RequestAborted);
        return Page();
    }
}

/// <summary>One page: the open version's preview, submit and review, and the history of versions.</summary>
[Authorize(Policy = Policies.HelpPagesEditor)]
public sealed class HelpPageDetailModel(HelpPageEditing editing, CurrentUser user, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public ReviewInput Review { get; set; } = new();

    public HelpPageView View { get; private set; } = null!;
    public string? Done { get; private set; }
    public Guid? Me => user.Id;

    public async Task<IActionResult> OnGetAsync(Guid id, string? done)
    {
        if (await editing.GetAsync(id, HttpContext.RequestAborted) is not { } view)
            return NotFound();
        View = view;
        Done = done is "Saved" or "Submitted" or "Published" or "Returned" ? done : null;
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id) =>
        await AnswerAsync(id, await editing.SubmitAsync(id, HttpContext.RequestAborted), "Submitted");

    public async Task<IActionResult> OnPostReviewAsync(Guid id) =>
        await AnswerAsync(id, await editing.ReviewAsync(id, Review, HttpContext.RequestAborted), Review.Approve ? "Published" : "Returned");

    private async Task<IActionResult> AnswerAsync(Guid id, CommandResult<HelpPageView> result, string done)
    {
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return LocalRedirect($"/awareness/pages/{id}?done={done}");
        result.Errors.AddTo(ModelState, text, prefix: "Review.");
        View = (await editing.GetAsync(id, HttpContext.RequestAborted))!;
        return Page();
    }
}
