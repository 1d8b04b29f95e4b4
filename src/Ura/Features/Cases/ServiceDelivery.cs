using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;
using Ura.Platform.Data;

namespace Ura.Features.Cases;

/// <summary>
/// One service given to the person: what, when, by whom, how much and at what cost. Type, date,
/// provider, quantity, cost and currency stay in clear because the reports count them; only the
/// worker's note is encrypted.
/// </summary>
public sealed class ServiceDelivery : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    public ServiceType Type { get; set; }
    public DateOnly DeliveredOn { get; set; }
    public Guid ProviderOrganisationId { get; set; }
    public decimal? Quantity { get; set; }
    public ServiceUnit? Unit { get; set; }
    public decimal? Cost { get; set; }

    /// <summary>ISO 4217 code, one of <see cref="ServiceDeliveries.Currencies"/>; set exactly when there is a cost.</summary>
    public string? Currency { get; set; }

    /// <summary>The plan goal this service serves, always a goal of the same case.</summary>
    public Guid? PlanGoalId { get; set; }

    public string? Note { get; set; }
    public DateTime RecordedAt { get; set; }
    public Guid? RecordedById { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>The services of the TRM SOPs' assistance packages. <see cref="InKindAssistance"/> covers food, hygiene and sanitary items, clothes.</summary>
public enum ServiceType
{
    Accommodation,
    Medical,
    Psychological,
    LegalCounselling,
    Education,
    VocationalTraining,
    EmploymentSupport,
    ReintegrationGrant,
    InKindAssistance,
    Interpretation,
    Transport,
    FamilyContact,
    Other,
}

/// <summary>What a service's quantity counts.</summary>
public enum ServiceUnit
{
    Nights,
    Days,
    Sessions,
    Hours,
    Items,
    Trips,
}

internal sealed class ServiceDeliveryConfiguration : IEntityTypeConfiguration<ServiceDelivery>
{
    public void Configure(EntityTypeBuilder<ServiceDelivery> e)
    {
        e.Property(s => s.Type).HasConversion<string>().HasMaxLength(30);
        e.Property(s => s.Unit).HasConversion<string>().HasMaxLength(20);
        e.Property(s => s.Quantity).HasPrecision(10, 2);
        e.Property(s => s.Cost).HasPrecision(14, 2);
        e.Property(s => s.Currency).HasMaxLength(3);
        e.Property(s => s.Note!).IsEncrypted(FieldClass.FreeText);
        e.HasOne<Case>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Platform.Identity.Organisation>().WithMany().HasForeignKey(s => s.ProviderOrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PlanGoal>().WithMany().HasForeignKey(s => s.PlanGoalId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(s => new { s.CaseId, s.DeliveredOn });
        // The reports count services by type and date across cases.
        e.HasIndex(s => new { s.OrganisationId, s.Type, s.DeliveredOn });
        // The cost of the services delivered in a period, per currency, person and type, read from the index alone.
        e.HasIndex(s => new { s.OrganisationId, s.DeliveredOn, s.Currency, s.Cost, s.CaseId, s.Type }).HasDatabaseName("IX_ServiceDeliveries_Cost");
        e.HasIndex(s => s.ProviderOrganisationId);
        e.HasIndex(s => s.PlanGoalId);
    }
}

/// <summary>A service as the worker records it. Codes are <see cref="ServiceType"/>, <see cref="ServiceUnit"/> and ISO 4217 names.</summary>
public sealed class ServiceDeliveryInput
{
    [Required(ErrorMessage = "Validation.Required")]
    public string Type { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Services.Field.DeliveredOn")]
    public DateOnly? DeliveredOn { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public Guid? ProviderOrganisationId { get; set; }

    [Display(Name = "Services.Field.Quantity")]
    public decimal? Quantity { get; set; }

    public string? Unit { get; set; }

    [Display(Name = "Services.Field.Cost")]
    public decimal? Cost { get; set; }

    public string? Currency { get; set; }

    public Guid? PlanGoalId { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Services.Field.Note")]
    public string? Note { get; set; }

    public static ServiceDeliveryInput Of(ServiceDelivery s) => new()
    {
        Type = s.Type.ToString(),
        DeliveredOn = s.DeliveredOn,
        ProviderOrganisationId = s.ProviderOrganisationId,
        Quantity = s.Quantity,
        Unit = s.Unit?.ToString(),
        Cost = s.Cost,
        Currency = s.Currency,
        PlanGoalId = s.PlanGoalId,
        Note = s.Note,
    };
}

public sealed record ServiceDeliveryView(
    Guid Id, string Type, DateOnly DeliveredOn, Guid ProviderOrganisationId, string ProviderOrganisation, decimal? Quantity, string? Unit,
    decimal? Cost, string? Currency, Guid? PlanGoalId, string? Note, DateTime RecordedAt);

/// <summary>The total cost of a case's services in one currency.</summary>
public sealed record CurrencyTotal(string Currency, decimal Total);

/// <summary>A case's services, newest first, with their cost summed per currency.</summary>
public sealed record ServiceList(IReadOnlyList<ServiceDeliveryView> Items, IReadOnlyList<CurrencyTotal> Totals);

/// <summary>Records, changes and lists the services given on a case.</summary>
public sealed class ServiceDeliveries(UraDbContext db, CaseAccess access, CurrentUser user)
{
    /// <summary>The currencies of the region (ISO 4217): euro, lek, denar, dinar, convertible mark.</summary>
    public static readonly IReadOnlyList<string> Currencies = ["EUR", "ALL", "MKD", "RSD", "BAM"];

    /// <summary>Null when the case is out of scope. The read is audited.</summary>
    public async Task<(Case Case, ServiceList List)?> ListAsync(Guid caseId, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is not { } found)
            return null;
        var rows = await db.ServiceDeliveries.AsNoTracking().Where(s => s.CaseId == found.Id)
            .Join(db.Organisations, s => s.ProviderOrganisationId, o => o.Id, (s, o) => new { Service = s, Provider = o.Name })
            .ToListAsync(ct);
        // Sorted and summed here: SQLite cannot order or sum decimals in the database.
        var items = rows.OrderByDescending(r => r.Service.DeliveredOn).ThenByDescending(r => r.Service.RecordedAt)
            .Select(r => View(r.Service, r.Provider)).ToList();
        var totals = items.Where(s => s.Cost is not null).GroupBy(s => s.Currency!)
            .Select(g => new CurrencyTotal(g.Key, g.Sum(s => s.Cost!.Value))).OrderBy(t => t.Currency, StringComparer.Ordinal).ToList();
        return (found, new ServiceList(items, totals));
    }

    /// <summary>The service of this case, for its edit form; null when out of scope. The read is audited.</summary>
    public async Task<(Case Case, ServiceDelivery Service)?> GetAsync(Guid caseId, Guid serviceId, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is not { } found)
            return null;
        var service = await db.ServiceDeliveries.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serviceId && s.CaseId == found.Id, ct);
        return service is null ? null : (found, service);
    }

    public async Task<CommandResult<ServiceDeliveryView>> RecordAsync(Guid caseId, ServiceDeliveryInput input, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return CommandResult<ServiceDeliveryView>.NotFound();
        if (refusal is not null)
            return CommandResult<ServiceDeliveryView>.Refused(refusal);
        var errors = await CheckAsync(input, @case, ct);
        if (errors.Count > 0)
            return CommandResult<ServiceDeliveryView>.Refused([.. errors]);

        var service = new ServiceDelivery { CaseId = @case.Id, OrganisationId = @case.OrganisationId, RecordedAt = access.Now, RecordedById = user.RequiredId };
        Apply(service, input);
        db.ServiceDeliveries.Add(service);
        access.Record(@case, "service.add", service.Id, "ServiceType." + service.Type);
        await db.SaveChangesAsync(ct);
        return CommandResult<ServiceDeliveryView>.Done(await ViewAsync(service, ct));
    }

    public async Task<CommandResult<ServiceDeliveryView>> ChangeAsync(Guid caseId, Guid serviceId, ServiceDeliveryInput input, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        var service = @case is null ? null : await db.ServiceDeliveries.SingleOrDefaultAsync(s => s.Id == serviceId && s.CaseId == @case.Id, ct);
        if (@case is null || service is null)
            return CommandResult<ServiceDeliveryView>.NotFound();
        if (refusal is not null)
            return CommandResult<ServiceDeliveryView>.Refused(refusal);
        var errors = await CheckAsync(input, @case, ct);
        if (errors.Count > 0)
            return CommandResult<ServiceDeliveryView>.Refused([.. errors]);

        Apply(service, input);
        access.Record(@case, "service.change", service.Id, "ServiceType." + service.Type);
        await db.SaveChangesAsync(ct);
        return CommandResult<ServiceDeliveryView>.Done(await ViewAsync(service, ct));
    }

    private void Apply(ServiceDelivery service, ServiceDeliveryInput input)
    {
        service.Type = Enum.Parse<ServiceType>(input.Type);
        service.DeliveredOn = input.DeliveredOn!.Value;
        service.ProviderOrganisationId = input.ProviderOrganisationId!.Value;
        service.Quantity = input.Quantity;
        service.Unit = input.Quantity is null ? null : Enum.Parse<ServiceUnit>(input.Unit!);
        service.Cost = input.Cost is { } cost ? Math.Round(cost, 2) : null;
        service.Currency = input.Cost is null ? null : input.Currency;
        service.PlanGoalId = input.PlanGoalId;
        service.Note = RiskAssessments.Clean(input.Note);
        service.UpdatedAt = access.Now;
    }

    /// <summary>The business rules; out-of-case goals and unknown providers are refused like any bad code.</summary>
    private async Task<List<RuleError>> CheckAsync(ServiceDeliveryInput input, Case @case, CancellationToken ct)
    {
        var errors = new List<RuleError>();
        if (!PersonRules.IsValue<ServiceType>(input.Type))
            errors.Add(new(nameof(input.Type), "Services.UnknownType"));
        AssistancePlans.CheckDate(errors, nameof(input.DeliveredOn), input.DeliveredOn, @case, access.Today);
        if (input.ProviderOrganisationId is { } providerId && !await db.Organisations.AnyAsync(o => o.Id == providerId && o.IsActive, ct))
            errors.Add(new(nameof(input.ProviderOrganisationId), "Plans.UnknownOrganisation"));
        if (input.Quantity is { } quantity)
        {
            if (quantity <= 0 || quantity >= 100_000_000)
                errors.Add(new(nameof(input.Quantity), "Services.QuantityInvalid"));
            if (!PersonRules.IsValue<ServiceUnit>(input.Unit))
                errors.Add(new(nameof(input.Unit), "Services.UnitRequired"));
        }
        else if (!string.IsNullOrEmpty(input.Unit))
            errors.Add(new(nameof(input.Quantity), "Services.QuantityRequired"));
        if (input.Cost is { } cost)
        {
            if (cost < 0)
                errors.Add(new(nameof(input.Cost), "Services.NegativeCost"));
            else if (cost >= 1_000_000_000_000)
                errors.Add(new(nameof(input.Cost), "Validation.Invalid"));
            if (input.Currency is null || !Currencies.Contains(input.Currency))
                errors.Add(new(nameof(input.Currency), "Services.UnknownCurrency"));
        }
        else if (!string.IsNullOrEmpty(input.Currency))
            errors.Add(new(nameof(input.Cost), "Services.CostRequired"));
        if (input.PlanGoalId is { } goalId && !await db.PlanGoals.AnyAsync(g => g.Id == goalId && g.CaseId == @case.Id, ct))
            errors.Add(new(nameof(input.PlanGoalId), "Services.UnknownGoal"));
        return errors;
    }

    private async Task<ServiceDeliveryView> ViewAsync(ServiceDelivery service, CancellationToken ct) =>
        View(service, await db.Organisations.Where(o => o.Id == service.ProviderOrganisationId).Select(o => o.Name).SingleAsync(ct));

    private static ServiceDeliveryView View(ServiceDelivery s, string provider) => new(
        s.Id, s.Type.ToString(), s.DeliveredOn, s.ProviderOrganisationId, provider, s.Quantity, s.Unit?.ToString(), s.Cost, s.Currency,
        s.PlanGoalId, s.Note, s.RecordedAt);
}
