using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Features.Awareness.Campaigns;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Provisions;

/// <summary>The organisation's places with their stock, the people served this year, and the latest distributions.</summary>
[Authorize(Policy = Policies.FieldProvisions)]
public sealed class ProvisionOverviewModel(ProvisionCommands provisions) : PageModel
{
    public ProvisionOverview Overview { get; private set; } = null!;
    public Paged<DistributionView> Distributions { get; private set; } = null!;

    public async Task OnGetAsync(int? year, int page = 1)
    {
        Overview = await provisions.OverviewAsync(year, HttpContext.RequestAborted);
        Distributions = await provisions.DistributionsAsync(null, page, HttpContext.RequestAborted);
    }
}

/// <summary>A new place of the organisation.</summary>
[Authorize(Policy = Policies.FieldProvisions)]
public sealed class ProvisionPointNewModel(ProvisionCommands provisions, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public PointInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();
        var result = await provisions.AddPointAsync(Input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return LocalRedirect("/provisions");
    }
}

/// <summary>Items that arrived at one of the organisation's places.</summary>
[Authorize(Policy = Policies.FieldProvisions)]
public sealed class ProvisionDeliveryNewModel(ProvisionCommands provisions, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public DeliveryInput Input { get; set; } = new();

    public ProvisionPoint Point { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await provisions.PointAsync(id, HttpContext.RequestAborted) is not { } point)
            return NotFound();
        Point = point;
        Input.ReceivedOn = provisions.Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await provisions.PointAsync(id, HttpContext.RequestAborted) is not { } point)
            return NotFound();
        Point = point;
        if (!ModelState.IsValid)
            return Page();
        var result = await provisions.AddDeliveryAsync(id, Input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return LocalRedirect($"/provisions#point-{id}");
    }
}

/// <summary>The distribution form as posted: one number box per item (<c>Input.Items[FoodParcel]</c>) and per sex and age band.</summary>
public sealed class DistributionForm
{
    [Display(Name = "Provisions.Distribution.GivenOn")]
    public DateOnly? GivenOn { get; set; }

    public Dictionary<string, string?> Items { get; set; } = [];
    public Dictionary<string, string?> People { get; set; } = [];

    [StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Provisions.Distribution.Notes")]
    public string? Notes { get; set; }
}

/// <summary>Items given out at one of the organisation's places, with the people served counted by sex and age band.</summary>
[Authorize(Policy = Policies.FieldProvisions)]
public sealed class ProvisionDistributionNewModel(ProvisionCommands provisions, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public DistributionForm Input { get; set; } = new();

    public ProvisionPoint Point { get; private set; } = null!;

    /// <summary>What the place holds now, shown next to each box.</summary>
    public IReadOnlyList<StockLine> Stock { get; private set; } = [];

    public PeopleGridForm Grid => new() { People = Input.People };

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        Input.GivenOn = provisions.Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        var items = new List<ItemCountInput>();
        foreach (var item in Enum.GetNames<ProvisionItem>())
        {
            var raw = Input.Items.GetValueOrDefault(item)?.Trim();
            if (string.IsNullOrEmpty(raw))
                continue;
            if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity))
                items.Add(new() { Item = item, Quantity = quantity });
            else
                ModelState.AddModelError("Input.Items", text["Validation.Number"]);
        }
        if (!Grid.TryRead(out var served))
            ModelState.AddModelError("Input.Served", text["Validation.Number"]);
        if (!ModelState.IsValid)
            return Page();
        var result = await provisions.AddDistributionAsync(id, new DistributionInput
        {
            GivenOn = Input.GivenOn, Items = items, Served = served, Notes = Input.Notes,
        }, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            await LoadAsync(id);
            return Page();
        }
        return LocalRedirect($"/provisions#point-{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await provisions.PointAsync(id, HttpContext.RequestAborted) is not { } point)
            return false;
        Point = point;
        Stock = await provisions.StockAsync(id, HttpContext.RequestAborted);
        return true;
    }
}

/// <summary>One place's distributions or deliveries, newest first, each with a link to remove it if it was recorded by mistake.</summary>
[Authorize(Policy = Policies.FieldProvisions)]
public sealed class ProvisionRecordsModel(ProvisionCommands provisions) : PageModel
{
    public ProvisionPoint Point { get; private set; } = null!;

    /// <summary>Deliveries when asked (<c>?kind=deliveries</c>), distributions otherwise.</summary>
    public bool ShowDeliveries { get; private set; }

    public Paged<DistributionView>? Distributions { get; private set; }
    public Paged<DeliveryView>? Deliveries { get; private set; }

    /// <summary>Set after a removal, to say it is done.</summary>
    public bool Removed { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? kind, int page = 1, bool removed = false)
    {
        if (await provisions.PointAsync(id, HttpContext.RequestAborted) is not { } point)
            return NotFound();
        Point = point;
        ShowDeliveries = kind == ProvisionRemoveModel.DeliveriesKind;
        Removed = removed;
        if (ShowDeliveries)
            Deliveries = await provisions.DeliveriesAsync(id, page, HttpContext.RequestAborted);
        else
            Distributions = await provisions.PointDistributionsAsync(id, page, HttpContext.RequestAborted);
        return Deliveries is null && Distributions is null ? NotFound() : Page();
    }
}

/// <summary>
/// Confirms and removes one delivery or distribution recorded by mistake, with the reason the audit trail keeps.
/// The route's <c>kind</c> is <c>deliveries</c> or <c>distributions</c>; anything else is not found.
/// </summary>
[Authorize(Policy = Policies.FieldProvisions)]
public sealed class ProvisionRemoveModel(ProvisionCommands provisions, IStringLocalizer<Text> text) : PageModel
{
    public const string DeliveriesKind = "deliveries";
    public const string DistributionsKind = "distributions";

    [BindProperty]
    public RemovalInput Input { get; set; } = new();

    public ProvisionPoint Point { get; private set; } = null!;
    public DeliveryView? Delivery { get; private set; }
    public DistributionView? Distribution { get; private set; }

    /// <summary>False for a delivery some of whose items were given out already: the page says so instead of offering the button.</summary>
    public bool CanRemove { get; private set; }

    public string RecordsUrl => $"/provisions/points/{Point.Id}/records?kind={(Delivery is null ? DistributionsKind : DeliveriesKind)}";

    public async Task<IActionResult> OnGetAsync(Guid id, string kind, Guid recordId) =>
        await LoadAsync(id, kind, recordId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, string kind, Guid recordId)
    {
        if (!await LoadAsync(id, kind, recordId))
            return NotFound();
        if (!ModelState.IsValid)
            return Page();
        var ct = HttpContext.RequestAborted;
        bool found;
        IReadOnlyList<RuleError> errors;
        if (Delivery is not null)
        {
            var result = await provisions.RemoveDeliveryAsync(id, recordId, Input, ct);
            (found, errors) = (result.Found, result.Errors);
        }
        else
        {
            var result = await provisions.RemoveDistributionAsync(id, recordId, Input, ct);
            (found, errors) = (result.Found, result.Errors);
        }
        if (!found)
            return NotFound();
        if (errors.Count > 0)
        {
            errors.AddTo(ModelState, text);
            return Page();
        }
        return LocalRedirect(RecordsUrl + "&removed=true");
    }

    private async Task<bool> LoadAsync(Guid id, string kind, Guid recordId)
    {
        var ct = HttpContext.RequestAborted;
        if (await provisions.PointAsync(id, ct) is not { } point)
            return false;
        Point = point;
        if (kind == DeliveriesKind)
        {
            Delivery = await provisions.DeliveryAsync(id, recordId, ct);
            CanRemove = Delivery is not null && await provisions.CanRemoveAsync(Delivery, ct);
            return Delivery is not null;
        }
        if (kind != DistributionsKind)
            return false;
        Distribution = await provisions.DistributionAsync(id, recordId, ct);
        CanRemove = true;
        return Distribution is not null;
    }
}
