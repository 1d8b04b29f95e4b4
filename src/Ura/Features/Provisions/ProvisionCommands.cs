using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Awareness.Campaigns;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Provisions;

public sealed class PointInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Provisions.Point.Name")]
    public string? Name { get; set; }
}

/// <summary>A delivery as sent: <see cref="Item"/> is a <see cref="ProvisionItem"/> name.</summary>
public sealed class DeliveryInput
{
    [Display(Name = "Provisions.Delivery.ReceivedOn")]
    public DateOnly? ReceivedOn { get; set; }

    public string? Item { get; set; }

    [Display(Name = "Provisions.Quantity")]
    public int? Quantity { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Provisions.Delivery.Source")]
    public string? Source { get; set; }
}

/// <summary>How many of one item, as sent.</summary>
public sealed class ItemCountInput
{
    public string? Item { get; set; }
    public int? Quantity { get; set; }
}

/// <summary>A distribution as sent: the items given and the people served; an item or group left out is none.</summary>
public sealed class DistributionInput
{
    [Display(Name = "Provisions.Distribution.GivenOn")]
    public DateOnly? GivenOn { get; set; }

    public List<ItemCountInput> Items { get; set; } = [];

    public List<PeopleCountInput> Served { get; set; } = [];

    [StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Provisions.Distribution.Notes")]
    public string? Notes { get; set; }
}

/// <summary>Why a delivery or distribution recorded by mistake is removed. It goes into the audit trail, so no names.</summary>
public sealed class RemovalInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(ProvisionCommands.MaxReason, ErrorMessage = "Validation.TooLong"), Display(Name = "Provisions.Remove.Reason")]
    public string? Reason { get; set; }
}

/// <summary>One item at one place: everything delivered, everything given out, and what is left.</summary>
public sealed record StockLine(ProvisionItem Item, int Delivered, int Given, int InStock);

public sealed record PointView(Guid Id, string Name, IReadOnlyList<StockLine> Stock);

public sealed record ItemCount(ProvisionItem Item, int Quantity);

public sealed record DistributionView(Guid Id, Guid PointId, string Point, DateOnly GivenOn, IReadOnlyList<ItemCount> Items, PeopleTotals Served, string? Notes);

public sealed record DeliveryView(Guid Id, Guid PointId, DateOnly ReceivedOn, ProvisionItem Item, int Quantity, string? Source);

/// <summary>The organisation's places with their stock, and the people served and items given in one year.</summary>
public sealed record ProvisionOverview(IReadOnlyList<PointView> Points, int Year, int Distributions, IReadOnlyList<ItemCount> GivenInYear, PeopleTotals ServedInYear);

/// <summary>
/// Field provisions of the caller's organisation: places, deliveries that add to a place's stock, and
/// distributions that take from it with the people served counted by sex and age band (never named).
/// Identification officers, case workers, supervisors and outreach officers keep their own organisation's;
/// a place of another organisation is not found. Giving out more than a place holds is refused; a delivery
/// or distribution recorded by mistake can be removed, with a reason, unless that would leave less than
/// nothing in stock; every change is audited.
/// </summary>
public sealed class ProvisionCommands(UraDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    public const int MaxQuantity = 100_000;
    public const int PageSize = 25;
    public const int MaxReason = 200;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(Now);

    private IQueryable<ProvisionPoint> Points() => db.ProvisionPoints.OfOwnOrganisation(user);

    public Task<ProvisionPoint?> PointAsync(Guid id, CancellationToken ct) =>
        Points().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>Every place with its stock, and what was given to how many people in <paramref name="year"/> (this year when none).</summary>
    public async Task<ProvisionOverview> OverviewAsync(int? year, CancellationToken ct)
    {
        var y = year is { } asked and >= 2000 and <= 9998 ? asked : Today.Year;
        var points = await Points().AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var ids = points.Select(p => p.Id).ToList();
        var delivered = await db.ProvisionDeliveries.Where(d => ids.Contains(d.PointId))
            .GroupBy(d => new { d.PointId, d.Item }).Select(g => new { g.Key.PointId, g.Key.Item, Quantity = g.Sum(d => d.Quantity) }).ToListAsync(ct);
        var given = await db.ProvisionDistributions.Where(d => ids.Contains(d.PointId)).SelectMany(d => d.Items, (d, i) => new { d.PointId, i.Item, i.Quantity })
            .GroupBy(x => new { x.PointId, x.Item }).Select(g => new { g.Key.PointId, g.Key.Item, Quantity = g.Sum(x => x.Quantity) }).ToListAsync(ct);
        var views = points.Select(p => new PointView(p.Id, p.Name, [.. Enum.GetValues<ProvisionItem>()
            .Select(item => (item, d: delivered.Where(x => x.PointId == p.Id && x.Item == item).Sum(x => x.Quantity), g: given.Where(x => x.PointId == p.Id && x.Item == item).Sum(x => x.Quantity)))
            .Where(x => x.d > 0 || x.g > 0).Select(x => new StockLine(x.item, x.d, x.g, x.d - x.g))])).ToList();

        var (first, last) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
        var inYear = db.ProvisionDistributions.Where(d => ids.Contains(d.PointId) && d.GivenOn >= first && d.GivenOn <= last);
        var distributions = await inYear.CountAsync(ct);
        var items = await inYear.SelectMany(d => d.Items).GroupBy(i => i.Item).Select(g => new { g.Key, Quantity = g.Sum(i => i.Quantity) }).ToListAsync(ct);
        var served = await inYear.SelectMany(d => d.Served).GroupBy(s => new { s.Sex, s.AgeBand })
            .Select(g => new { g.Key.Sex, g.Key.AgeBand, People = g.Sum(s => s.People) }).ToListAsync(ct);
        return new(views, y, distributions, [.. items.OrderBy(i => i.Key).Select(i => new ItemCount(i.Key, i.Quantity))],
            PeopleTotals.Sum(served.Select(s => new PeopleCount(s.Sex, s.AgeBand, s.People))));
    }

    /// <summary>Distributions of the organisation (of one place when asked), newest first, a page at a time.</summary>
    public async Task<Paged<DistributionView>> DistributionsAsync(Guid? pointId, int page, CancellationToken ct)
    {
        page = Math.Clamp(page, 1, 10_000);
        var points = Points().Where(p => pointId == null || p.Id == pointId);
        var query = db.ProvisionDistributions.Where(d => points.Any(p => p.Id == d.PointId));
        var total = await query.CountAsync(ct);
        var rows = await query.AsNoTracking().AsSplitQuery().Include(d => d.Items).Include(d => d.Served)
            .OrderByDescending(d => d.GivenOn).ThenByDescending(d => d.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var names = await points.Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return new([.. rows.Select(d => View(d, names[d.PointId]))], page, PageSize, total);
    }

    /// <summary>One place's distributions, newest first, a page at a time; null when the place is not the organisation's.</summary>
    public async Task<Paged<DistributionView>?> PointDistributionsAsync(Guid pointId, int page, CancellationToken ct) =>
        await Points().AnyAsync(p => p.Id == pointId, ct) ? await DistributionsAsync(pointId, page, ct) : null;

    /// <summary>One place's deliveries, newest first, a page at a time; null when the place is not the organisation's.</summary>
    public async Task<Paged<DeliveryView>?> DeliveriesAsync(Guid pointId, int page, CancellationToken ct)
    {
        if (!await Points().AnyAsync(p => p.Id == pointId, ct))
            return null;
        page = Math.Clamp(page, 1, 10_000);
        var query = db.ProvisionDeliveries.Where(d => d.PointId == pointId);
        var total = await query.CountAsync(ct);
        var rows = await query.AsNoTracking().OrderByDescending(d => d.ReceivedOn).ThenByDescending(d => d.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(d => new DeliveryView(d.Id, d.PointId, d.ReceivedOn, d.Item, d.Quantity, d.Source)).ToListAsync(ct);
        return new(rows, page, PageSize, total);
    }

    /// <summary>One delivery at one of the organisation's places, or null.</summary>
    public Task<DeliveryView?> DeliveryAsync(Guid pointId, Guid deliveryId, CancellationToken ct)
    {
        var points = Points();
        return db.ProvisionDeliveries.AsNoTracking().Where(d => d.Id == deliveryId && d.PointId == pointId && points.Any(p => p.Id == d.PointId))
            .Select(d => new DeliveryView(d.Id, d.PointId, d.ReceivedOn, d.Item, d.Quantity, d.Source)).SingleOrDefaultAsync(ct);
    }

    /// <summary>One distribution at one of the organisation's places, or null.</summary>
    public async Task<DistributionView?> DistributionAsync(Guid pointId, Guid distributionId, CancellationToken ct)
    {
        if (await PointAsync(pointId, ct) is not { } point)
            return null;
        var distribution = await db.ProvisionDistributions.AsNoTracking().AsSplitQuery().Include(d => d.Items).Include(d => d.Served)
            .SingleOrDefaultAsync(d => d.Id == distributionId && d.PointId == point.Id, ct);
        return distribution is null ? null : View(distribution, point.Name);
    }

    /// <summary>Whether taking the delivery back leaves the place holding none or more of its item, that is, none of it was given out since.</summary>
    public async Task<bool> CanRemoveAsync(DeliveryView delivery, CancellationToken ct) =>
        InStock(await StockAsync(delivery.PointId, ct), delivery.Item) >= delivery.Quantity;

    public async Task<CommandResult<PointView>> AddPointAsync(PointInput input, CancellationToken ct)
    {
        if (user.OrganisationId is not { } organisationId)
            return CommandResult<PointView>.NotFound();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
            return CommandResult<PointView>.Refused(nameof(PointInput.Name), "Validation.Required");
        if (name.Length > 200)
            return CommandResult<PointView>.Refused(nameof(PointInput.Name), "Validation.TooLong");
        if (await Points().AnyAsync(p => p.Name == name, ct))
            return CommandResult<PointView>.Refused(nameof(PointInput.Name), "Provisions.Point.Exists");
        var point = new ProvisionPoint { OrganisationId = organisationId, Name = name, CreatedAt = Now };
        db.ProvisionPoints.Add(point);
        audit.Record("provisions.point.add", nameof(ProvisionPoint), point.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<PointView>.Done(new(point.Id, point.Name, []));
    }

    public async Task<CommandResult<DeliveryView>> AddDeliveryAsync(Guid pointId, DeliveryInput input, CancellationToken ct)
    {
        if (await Points().SingleOrDefaultAsync(p => p.Id == pointId, ct) is not { } point)
            return CommandResult<DeliveryView>.NotFound();
        var errors = new List<RuleError>();
        DateError(input.ReceivedOn, nameof(DeliveryInput.ReceivedOn), errors);
        if (!CampaignCommands.IsName<ProvisionItem>(input.Item, out var item))
            errors.Add(new(nameof(DeliveryInput.Item), "Provisions.UnknownItem"));
        if (input.Quantity is not { } quantity || quantity < 1 || quantity > MaxQuantity)
            errors.Add(new(nameof(DeliveryInput.Quantity), "Provisions.QuantityRange"));
        if (errors.Count > 0)
            return CommandResult<DeliveryView>.Refused([.. errors]);
        var delivery = new ProvisionDelivery
        {
            PointId = point.Id, OrganisationId = point.OrganisationId, ReceivedOn = input.ReceivedOn!.Value, Item = item,
            Quantity = input.Quantity!.Value, Source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim(),
            CreatedById = user.RequiredId, CreatedAt = Now,
        };
        db.ProvisionDeliveries.Add(delivery);
        point.Version++;
        audit.Record("provisions.delivery.add", nameof(ProvisionDelivery), delivery.Id, point.Id.ToString());
        await db.SaveChangesAsync(ct);
        return CommandResult<DeliveryView>.Done(new(delivery.Id, point.Id, delivery.ReceivedOn, delivery.Item, delivery.Quantity, delivery.Source));
    }

    /// <summary>
    /// Gives items out at a place. Refused when an item is given out more than the place holds, when no item
    /// or nobody is counted, or for an impossible date; a distribution recorded by someone else at the same
    /// moment makes this one fail rather than overdraw the stock.
    /// </summary>
    public async Task<CommandResult<DistributionView>> AddDistributionAsync(Guid pointId, DistributionInput input, CancellationToken ct)
    {
        if (await Points().SingleOrDefaultAsync(p => p.Id == pointId, ct) is not { } point)
            return CommandResult<DistributionView>.NotFound();
        var errors = new List<RuleError>();
        DateError(input.GivenOn, nameof(DistributionInput.GivenOn), errors);
        var items = new List<ItemCount>();
        foreach (var line in input.Items)
        {
            if (!CampaignCommands.IsName<ProvisionItem>(line.Item, out var item))
                errors.Add(new(nameof(DistributionInput.Items), "Provisions.UnknownItem"));
            else if (line.Quantity is not { } quantity || quantity < 0 || quantity > MaxQuantity)
                errors.Add(new(nameof(DistributionInput.Items), "Provisions.QuantityRange"));
            else if (items.Any(i => i.Item == item))
                errors.Add(new(nameof(DistributionInput.Items), "Provisions.DuplicateItem"));
            else if (quantity > 0)
                items.Add(new(item, quantity));
        }
        errors.AddRange(PeopleCounts.Read(input.Served, nameof(DistributionInput.Served), out var served));
        if (errors.Count == 0 && items.Count == 0)
            errors.Add(new(nameof(DistributionInput.Items), "Provisions.NoItems"));
        if (errors.Count == 0 && served.Count == 0)
            errors.Add(new(nameof(DistributionInput.Served), "Provisions.NobodyServed"));
        if (errors.Count == 0)
        {
            var stock = await StockAsync(point.Id, ct);
            if (items.Any(i => i.Quantity > InStock(stock, i.Item)))
                errors.Add(new(nameof(DistributionInput.Items), "Provisions.NotEnough"));
        }
        if (errors.Count > 0)
            return CommandResult<DistributionView>.Refused([.. errors.Distinct()]);
        var distribution = new ProvisionDistribution
        {
            PointId = point.Id, OrganisationId = point.OrganisationId, GivenOn = input.GivenOn!.Value,
            Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(), CreatedById = user.RequiredId, CreatedAt = Now,
            Items = [.. items.Select(i => new ProvisionDistributionItem { Item = i.Item, Quantity = i.Quantity })],
            Served = [.. served.Select(s => new ProvisionServed { Sex = s.Sex, AgeBand = s.AgeBand, People = s.People })],
        };
        db.ProvisionDistributions.Add(distribution);
        point.Version++;
        audit.Record("provisions.distribution.add", nameof(ProvisionDistribution), distribution.Id, point.Id.ToString());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CommandResult<DistributionView>.Refused("", "Provisions.ChangedMeanwhile");
        }
        return CommandResult<DistributionView>.Done(View(distribution, point.Name));
    }

    /// <summary>
    /// Removes a delivery recorded by mistake, taking its items out of the place's stock. Refused when some of
    /// them were given out already (the stock would fall below zero) or without a reason, which goes into the
    /// audit trail with what was removed.
    /// </summary>
    public async Task<CommandResult<DeliveryView>> RemoveDeliveryAsync(Guid pointId, Guid deliveryId, RemovalInput input, CancellationToken ct)
    {
        if (await Points().SingleOrDefaultAsync(p => p.Id == pointId, ct) is not { } point)
            return CommandResult<DeliveryView>.NotFound();
        if (await db.ProvisionDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.PointId == point.Id, ct) is not { } delivery)
            return CommandResult<DeliveryView>.NotFound();
        if (ReasonError(input.Reason, out var reason) is { } error)
            return CommandResult<DeliveryView>.Refused(error);
        if (InStock(await StockAsync(point.Id, ct), delivery.Item) < delivery.Quantity)
            return CommandResult<DeliveryView>.Refused("", "Provisions.Remove.AlreadyGiven");
        db.ProvisionDeliveries.Remove(delivery);
        point.Version++;
        audit.Record("provisions.delivery.remove", nameof(ProvisionDelivery), delivery.Id, string.Create(CultureInfo.InvariantCulture,
            $"point={point.Id}; {delivery.Item} {delivery.Quantity} received {delivery.ReceivedOn:yyyy-MM-dd}; reason: {reason}"));
        if (!await SavedAsync(ct))
            return CommandResult<DeliveryView>.Refused("", "Provisions.ChangedMeanwhile");
        return CommandResult<DeliveryView>.Done(new(delivery.Id, point.Id, delivery.ReceivedOn, delivery.Item, delivery.Quantity, delivery.Source));
    }

    /// <summary>
    /// Removes a distribution recorded by mistake: its items go back into the place's stock and its people are no
    /// longer counted. A reason is required; it goes into the audit trail with what was removed.
    /// </summary>
    public async Task<CommandResult<DistributionView>> RemoveDistributionAsync(Guid pointId, Guid distributionId, RemovalInput input, CancellationToken ct)
    {
        if (await Points().SingleOrDefaultAsync(p => p.Id == pointId, ct) is not { } point)
            return CommandResult<DistributionView>.NotFound();
        var distribution = await db.ProvisionDistributions.AsSplitQuery().Include(d => d.Items).Include(d => d.Served)
            .SingleOrDefaultAsync(d => d.Id == distributionId && d.PointId == point.Id, ct);
        if (distribution is null)
            return CommandResult<DistributionView>.NotFound();
        if (ReasonError(input.Reason, out var reason) is { } error)
            return CommandResult<DistributionView>.Refused(error);
        var view = View(distribution, point.Name);
        db.ProvisionDistributions.Remove(distribution);
        point.Version++;
        audit.Record("provisions.distribution.remove", nameof(ProvisionDistribution), distribution.Id, string.Create(CultureInfo.InvariantCulture,
            $"point={point.Id}; given {distribution.GivenOn:yyyy-MM-dd}; {string.Join(", ", view.Items.Select(i => $"{i.Item} {i.Quantity}"))}; people {view.Served.Total}; reason: {reason}"));
        if (!await SavedAsync(ct))
            return CommandResult<DistributionView>.Refused("", "Provisions.ChangedMeanwhile");
        return CommandResult<DistributionView>.Done(view);
    }

    /// <summary>What one of the organisation's places holds now, item by item; items never delivered or given are left out.</summary>
    public async Task<IReadOnlyList<StockLine>> StockAsync(Guid pointId, CancellationToken ct)
    {
        var inScope = Points().Any(p => p.Id == pointId);
        var delivered = await db.ProvisionDeliveries.Where(d => d.PointId == pointId && inScope).GroupBy(d => d.Item)
            .Select(g => new { g.Key, Quantity = g.Sum(d => d.Quantity) }).ToListAsync(ct);
        var given = await db.ProvisionDistributions.Where(d => d.PointId == pointId && inScope).SelectMany(d => d.Items).GroupBy(i => i.Item)
            .Select(g => new { g.Key, Quantity = g.Sum(i => i.Quantity) }).ToListAsync(ct);
        return [.. Enum.GetValues<ProvisionItem>()
            .Select(item => (item, d: delivered.Where(x => x.Key == item).Sum(x => x.Quantity), g: given.Where(x => x.Key == item).Sum(x => x.Quantity)))
            .Where(x => x.d > 0 || x.g > 0).Select(x => new StockLine(x.item, x.d, x.g, x.d - x.g))];
    }

    private static int InStock(IReadOnlyList<StockLine> stock, ProvisionItem item) => stock.FirstOrDefault(s => s.Item == item)?.InStock ?? 0;

    private static RuleError? ReasonError(string? input, out string reason)
    {
        reason = input?.Trim() ?? "";
        return reason.Length == 0 ? new(nameof(RemovalInput.Reason), "Validation.Required")
            : reason.Length > MaxReason ? new(nameof(RemovalInput.Reason), "Validation.TooLong")
            : null;
    }

    /// <summary>Saves; false when someone changed the place meanwhile (its version moved on) or removed the row first, nothing saved then.</summary>
    private async Task<bool> SavedAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private void DateError(DateOnly? date, string field, List<RuleError> errors)
    {
        if (date is not { } day)
            errors.Add(new(field, "Validation.Required"));
        else if (day > Today)
            errors.Add(new(field, "Provisions.DateInFuture"));
        else if (day.Year < 2000)
            errors.Add(new(field, "Provisions.DateTooEarly"));
    }

    private static DistributionView View(ProvisionDistribution d, string point) => new(d.Id, d.PointId, point, d.GivenOn,
        [.. d.Items.OrderBy(i => i.Item).Select(i => new ItemCount(i.Item, i.Quantity))],
        PeopleTotals.Sum(d.Served.Select(s => new PeopleCount(s.Sex, s.AgeBand, s.People))), d.Notes);
}
