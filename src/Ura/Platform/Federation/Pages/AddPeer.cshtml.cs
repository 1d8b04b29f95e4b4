using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Platform.Federation.Pages;

/// <summary>
/// <c>/admin/federation/peers/add</c>: paste or upload a peer's node card, see its node, country,
/// address and readable fingerprint, compare the fingerprint with the peer's operator, then pin it.
/// </summary>
[Authorize(Policy = Policies.SystemAdmin)]
public sealed class AddPeerModel(Peering peering, NodeIdentity identity, IStringLocalizer<Text> text) : PageModel
{
    /// <summary>A node card is a few hundred bytes; anything much larger is not one.</summary>
    private const int MaxCardBytes = 16 * 1024;

    [BindProperty]
    public string? Card { get; set; }

    [BindProperty]
    public IFormFile? CardFile { get; set; }

    /// <summary>The card being confirmed, after it was read and checked.</summary>
    public NodeCard? Preview { get; private set; }

    public bool HasIdentity { get; private set; }

    public async Task OnGetAsync() => HasIdentity = await identity.LoadAsync(HttpContext.RequestAborted) is not null;

    /// <summary>Reads the card and shows it for confirmation; pins nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync()
    {
        HasIdentity = await identity.LoadAsync(HttpContext.RequestAborted) is not null;
        var json = await CardTextAsync();
        if (json is null)
            return Page();
        var (card, problem) = NodeCard.Parse(json);
        if (card is null)
        {
            ModelState.AddModelError(nameof(Card), text[problem == "fingerprint_mismatch" ? "Federation.Peer.FingerprintMismatch" : "Federation.Peer.NotACard"]);
            return Page();
        }
        Card = json;
        Preview = card;
        return Page();
    }

    /// <summary>Pins the card the admin has just confirmed (it is checked again: the form could have been changed).</summary>
    public async Task<IActionResult> OnPostPinAsync()
    {
        HasIdentity = await identity.LoadAsync(HttpContext.RequestAborted) is not null;
        var result = await peering.PinAsync(Card ?? "", HttpContext.RequestAborted);
        if (result.Succeeded)
            return LocalRedirect("/admin/federation?done=Pinned");
        result.Errors.AddTo(ModelState, text, prefix: "");
        return Page();
    }

    private async Task<string?> CardTextAsync()
    {
        if (CardFile is { Length: > 0 })
        {
            if (CardFile.Length > MaxCardBytes)
            {
                ModelState.AddModelError(nameof(Card), text["Federation.Peer.NotACard"]);
                return null;
            }
            using var reader = new StreamReader(CardFile.OpenReadStream());
            return await reader.ReadToEndAsync(HttpContext.RequestAborted);
        }
        if (string.IsNullOrWhiteSpace(Card))
        {
            ModelState.AddModelError(nameof(Card), text["Federation.Peer.CardMissing"]);
            return null;
        }
        if (Card.Length > MaxCardBytes)
        {
            ModelState.AddModelError(nameof(Card), text["Federation.Peer.NotACard"]);
            return null;
        }
        return Card;
    }
}
