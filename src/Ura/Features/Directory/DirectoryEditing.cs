using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;

namespace Ura.Features.Directory;

public sealed class PhoneInput
{
    [StringLength(40, ErrorMessage = "Validation.TooLong")]
    public string? Number { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? Description { get; set; }
}

public sealed class ContactInput
{
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? Name { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? Title { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? Department { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? Email { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Department) && string.IsNullOrWhiteSpace(Email);
}

/// <summary>Weekly hours: days as <c>MO</c>…<c>SU</c>, times as <c>HH:mm</c>.</summary>
public sealed class ScheduleInput
{
    public List<string> Days { get; set; } = [];

    public string? OpensAt { get; set; }

    public string? ClosesAt { get; set; }

    [StringLength(500, ErrorMessage = "Validation.TooLong")]
    public string? Description { get; set; }

    public bool IsBlank => Days.Count == 0 && string.IsNullOrWhiteSpace(OpensAt) && string.IsNullOrWhiteSpace(ClosesAt) && string.IsNullOrWhiteSpace(Description);
}

/// <summary>A country (ISO 3166 alpha-2), or a city or region in it.</summary>
public sealed class ServiceAreaInput
{
    public string? CountryCode { get; set; }

    [StringLength(100, ErrorMessage = "Validation.TooLong")]
    public string? Name { get; set; }
}

public sealed class CostOptionInput
{
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? Option { get; set; }

    public decimal? Amount { get; set; }

    /// <summary>ISO 4217, such as <c>EUR</c>.</summary>
    public string? Currency { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Option) && Amount is null;
}

/// <summary>A service with everything under it, as an editor sends it. The owning organisation comes from the route, never from here.</summary>
public sealed class ServiceInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.Name")]
    public string? Name { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.AlternateName")]
    public string? AlternateName { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.Description")]
    public string? Description { get; set; }

    [StringLength(500, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Service.Website")]
    public string? Url { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Service.Email")]
    public string? Email { get; set; }

    /// <summary>A <see cref="ServiceStatus"/> name; Active when left out.</summary>
    public string? Status { get; set; }

    [StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Service.HowToRefer")]
    public string? ApplicationProcess { get; set; }

    [StringLength(500, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Service.Interpretation")]
    public string? InterpretationServices { get; set; }

    [StringLength(500, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Service.Costs")]
    public string? FeesDescription { get; set; }

    [StringLength(1000, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Service.Eligibility")]
    public string? EligibilityDescription { get; set; }

    [Display(Name = "Directory.Edit.MinimumAge")]
    public int? MinimumAge { get; set; }

    [Display(Name = "Directory.Edit.MaximumAge")]
    public int? MaximumAge { get; set; }

    /// <summary><see cref="Gender"/> names; empty means everyone.</summary>
    public List<string> Genders { get; set; } = [];

    /// <summary>ISO 3166 alpha-2 codes; empty means any citizenship.</summary>
    public List<string> Nationalities { get; set; } = [];

    /// <summary>ISO 639 codes such as <c>sq</c>.</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>Service category codes (<see cref="ServiceTaxonomy"/>); at least one.</summary>
    public List<string> Categories { get; set; } = [];

    public bool AcceptsReferrals { get; set; } = true;

    public List<PhoneInput> Phones { get; set; } = [];
    public List<ContactInput> Contacts { get; set; } = [];
    public List<ScheduleInput> Schedules { get; set; } = [];
    public List<ServiceAreaInput> ServiceAreas { get; set; } = [];
    public List<CostOptionInput> CostOptions { get; set; } = [];
    public List<string> RequiredDocuments { get; set; } = [];

    /// <summary>Ids of the organisation's locations where the service is given.</summary>
    public List<Guid> Locations { get; set; } = [];

    /// <summary>Free beds now (housing services only); with <see cref="BedsMaximum"/>.</summary>
    [Display(Name = "Directory.Edit.BedsAvailable")]
    public int? BedsAvailable { get; set; }

    [Display(Name = "Directory.Edit.BedsMaximum")]
    public int? BedsMaximum { get; set; }

    /// <summary>Drops the empty rows a form sends for "add another".</summary>
    public void DropBlankRows()
    {
        Genders = [.. (Genders ?? []).Where(g => !string.IsNullOrWhiteSpace(g)).Distinct()];
        // A form sends citizenships as one "AL, XK" field; the API as a list. Both end as single codes.
        Nationalities = [.. (Nationalities ?? []).SelectMany(n => (n ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
            .Select(n => n.ToUpperInvariant()).Distinct()];
        Languages = [.. (Languages ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).Distinct()];
        Categories = [.. (Categories ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct()];
        Phones = [.. (Phones ?? []).Where(p => p is not null && !string.IsNullOrWhiteSpace(p.Number))];
        Contacts = [.. (Contacts ?? []).Where(c => c is not null && !c.IsBlank)];
        Schedules = [.. (Schedules ?? []).Where(s => s is not null && !s.IsBlank)];
        ServiceAreas = [.. (ServiceAreas ?? []).Where(a => a is not null && !string.IsNullOrWhiteSpace(a.CountryCode))];
        CostOptions = [.. (CostOptions ?? []).Where(c => c is not null && !c.IsBlank)];
        RequiredDocuments = [.. (RequiredDocuments ?? []).Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim())];
        Locations = [.. (Locations ?? []).Distinct()];
    }
}

/// <summary>A location with its one address. The owning organisation comes from the route.</summary>
public sealed class LocationInput
{
    [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.LocationName")]
    public string? Name { get; set; }

    /// <summary>A <see cref="LocationType"/> name; Physical when left out.</summary>
    public string? LocationType { get; set; }

    [StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.Description")]
    public string? Description { get; set; }

    [StringLength(500, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.Transportation")]
    public string? Transportation { get; set; }

    [StringLength(500, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.LocationUrl")]
    public string? Url { get; set; }

    /// <summary>A shelter or other place whose address only the organisation may see.</summary>
    public bool IsConfidential { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.Address1")]
    public string? Address1 { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.Address2")]
    public string? Address2 { get; set; }

    [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.City")]
    public string? City { get; set; }

    [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.Region")]
    public string? Region { get; set; }

    [StringLength(20, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.PostalCode")]
    public string? PostalCode { get; set; }

    [Display(Name = "Directory.Country")]
    public string? CountryCode { get; set; }

    [StringLength(500, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.Accessibility")]
    public string? Accessibility { get; set; }
}

/// <summary>An organisation's directory profile (HSDS organization description, email, website).</summary>
public sealed class ProfileInput
{
    [StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Edit.Description")]
    public string? Description { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Service.Email")]
    public string? Email { get; set; }

    [StringLength(500, ErrorMessage = "Validation.TooLong"), Display(Name = "Directory.Service.Website")]
    public string? Website { get; set; }
}

public sealed record ProfileView(Guid Id, string Name, string CountryCode, string? Description, string? Email, string? Website);

/// <summary>A location as its editor sees it (with the street: only editors in scope get here).</summary>
public sealed record LocationSummary(Guid Id, Guid OrganisationId, string? Name, string LocationType, bool IsConfidential, string? City);

public sealed record ManagedService(Guid Id, string Name, string Status, DateTime ModifiedAt);

public sealed record ManagedOrganisation(Guid Id, string Name, string CountryCode, IReadOnlyList<ManagedService> Services, IReadOnlyList<LocationSummary> Locations);

/// <summary>
/// Maintains directory entries: services with everything under them, locations, organisation
/// profiles. Every load goes through <see cref="DirectoryScope"/> (out of scope is not found);
/// every change is audited and bumps <c>ModifiedAt</c>; bad input changes nothing.
/// </summary>
public sealed partial class DirectoryEditing(UraDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    /// <summary>The manage page lists at most this many organisations; a coordinator's country has far fewer.</summary>
    public const int MaxOrganisations = 200;

    private static readonly string[] HousingCategories = ["safe-housing", "emergency-shelter", "transitional-housing"];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<ManagedOrganisation>> ManagedAsync(CancellationToken ct)
    {
        var organisations = await db.Organisations.AsNoTracking().EditableBy(user).OrderBy(o => o.Name).Take(MaxOrganisations)
            .Select(o => new { o.Id, o.Name, o.CountryCode }).ToListAsync(ct);
        var ids = organisations.Select(o => o.Id).ToList();
        var services = await db.Services.AsNoTracking().Where(s => ids.Contains(s.OrganisationId)).OrderBy(s => s.Name)
            .Select(s => new { s.OrganisationId, s.Id, s.Name, s.Status, s.ModifiedAt }).ToListAsync(ct);
        var locations = await LocationsOfAsync(ids, ct);
        return [.. organisations.Select(o => new ManagedOrganisation(o.Id, o.Name, o.CountryCode,
            [.. services.Where(s => s.OrganisationId == o.Id).Select(s => new ManagedService(s.Id, s.Name, s.Status.ToString(), s.ModifiedAt))],
            [.. locations.Where(l => l.OrganisationId == o.Id)]))];
    }

    /// <summary>Locations of the organisations, with the city only (the list shows no streets).</summary>
    public async Task<List<LocationSummary>> LocationsOfAsync(List<Guid> organisationIds, CancellationToken ct)
    {
        var rows = await db.Locations.AsNoTracking().Where(l => organisationIds.Contains(l.OrganisationId)).OrderBy(l => l.Name)
            .Select(l => new { l.Id, l.OrganisationId, l.Name, l.LocationType, l.IsConfidential, City = l.Addresses.Select(a => a.City).FirstOrDefault() })
            .ToListAsync(ct);
        return [.. rows.Select(l => new LocationSummary(l.Id, l.OrganisationId, l.Name, l.LocationType.ToString(), l.IsConfidential, l.City))];
    }

    public Task<ProfileView?> OrganisationAsync(Guid organisationId, CancellationToken ct) =>
        db.Organisations.AsNoTracking().EditableBy(user).Where(o => o.Id == organisationId)
            .Select(o => new ProfileView(o.Id, o.Name, o.CountryCode, o.Description, o.Email, o.Website)).FirstOrDefaultAsync(ct);

    // ---- services ----

    /// <summary>The service as its edit form shows it; null when out of scope.</summary>
    public async Task<(ServiceInput Input, Guid OrganisationId, string Name)?> ServiceForEditAsync(Guid id, CancellationToken ct)
    {
        var s = await LoadServiceAsync(id, tracking: false, ct);
        if (s is null)
            return null;
        var codes = ServiceTaxonomy.Categories.ToDictionary(c => c.Id, c => c.Code);
        var beds = s.Capacities.FirstOrDefault(c => c.UnitId == ServiceTaxonomy.BedUnitId);
        var input = new ServiceInput
        {
            Name = s.Name, AlternateName = s.AlternateName, Description = s.Description, Url = s.Url, Email = s.Email, Status = s.Status.ToString(),
            ApplicationProcess = s.ApplicationProcess, InterpretationServices = s.InterpretationServices, FeesDescription = s.FeesDescription,
            EligibilityDescription = s.EligibilityDescription, MinimumAge = s.MinimumAge, MaximumAge = s.MaximumAge,
            Genders = [.. s.GenderList], Nationalities = [.. s.NationalityList], Languages = [.. s.Languages.Select(l => l.Code)],
            Categories = [.. s.Terms.Where(t => codes.ContainsKey(t.TaxonomyTermId)).Select(t => codes[t.TaxonomyTermId])],
            AcceptsReferrals = s.AcceptsReferrals,
            Phones = [.. s.Phones.Select(p => new PhoneInput { Number = p.Number, Description = p.Description })],
            Contacts = [.. s.Contacts.Select(c => new ContactInput { Name = c.Name, Title = c.Title, Department = c.Department, Email = c.Email })],
            Schedules = [.. s.Schedules.Select(x => new ScheduleInput
            {
                Days = [.. x.ByDay.Split(',', StringSplitOptions.RemoveEmptyEntries)], Description = x.Description,
                OpensAt = x.OpensAt?.ToString("HH:mm", CultureInfo.InvariantCulture), ClosesAt = x.ClosesAt?.ToString("HH:mm", CultureInfo.InvariantCulture),
            })],
            ServiceAreas = [.. s.ServiceAreas.Select(a => new ServiceAreaInput { CountryCode = a.CountryCode, Name = a.Name })],
            CostOptions = [.. s.CostOptions.Select(c => new CostOptionInput { Option = c.Option, Amount = c.Amount, Currency = c.Currency })],
            RequiredDocuments = [.. s.RequiredDocuments.Select(d => d.Document)],
            Locations = [.. s.Locations.Select(l => l.LocationId)],
            BedsAvailable = beds?.Available, BedsMaximum = beds?.Maximum,
        };
        return (input, s.OrganisationId, s.Name);
    }

    public async Task<CommandResult<ServiceView>> CreateServiceAsync(Guid organisationId, ServiceInput input, CancellationToken ct)
    {
        var organisation = await db.Organisations.EditableBy(user).FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null)
            return CommandResult<ServiceView>.NotFound();
        input.DropBlankRows();
        var errors = await CheckAsync(organisationId, input, ct);
        if (errors.Count > 0)
            return CommandResult<ServiceView>.Refused([.. errors]);
        var service = new Service { OrganisationId = organisationId, Name = "", CreatedAt = Now };
        Apply(service, input);
        db.Services.Add(service);
        audit.Record("directory.service.create", nameof(Service), service.Id, $"organisation={organisationId}");
        await db.SaveChangesAsync(ct);
        return CommandResult<ServiceView>.Done(ServiceProfile.View(await LoadServiceAsync(service.Id, tracking: false, ct) ?? service, user.OrganisationId));
    }

    public async Task<CommandResult<ServiceView>> ChangeServiceAsync(Guid id, ServiceInput input, CancellationToken ct)
    {
        var service = await LoadServiceAsync(id, tracking: true, ct);
        if (service is null)
            return CommandResult<ServiceView>.NotFound();
        input.DropBlankRows();
        // A service given by shelter facilities counts its beds from their rooms: numbers typed here would overwrite the live count.
        var bedsFromShelters = await BedsFromSheltersAsync(id, ct);
        if (bedsFromShelters)
            (input.BedsAvailable, input.BedsMaximum) = (null, null);
        var errors = await CheckAsync(service.OrganisationId, input, ct);
        if (errors.Count > 0)
            return CommandResult<ServiceView>.Refused([.. errors]);
        Apply(service, input, bedsFromShelters);
        audit.Record("directory.service.change", nameof(Service), service.Id);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return CommandResult<ServiceView>.Done(ServiceProfile.View((await LoadServiceAsync(id, tracking: false, ct))!, user.OrganisationId));
    }

    /// <summary>Whether shelter facilities give the service, so that their beds make its capacity.</summary>
    public Task<bool> BedsFromSheltersAsync(Guid serviceId, CancellationToken ct) => db.ShelterFacilities.AnyAsync(f => f.ServiceId == serviceId, ct);

    private Task<Service?> LoadServiceAsync(Guid id, bool tracking, CancellationToken ct)
    {
        var query = tracking ? db.Services : db.Services.AsNoTracking();
        return query.AsSplitQuery().EditableBy(user).Where(s => s.Id == id)
            .Include(s => s.Organisation)
            .Include(s => s.Languages).Include(s => s.Phones).Include(s => s.Contacts).Include(s => s.Schedules)
            .Include(s => s.ServiceAreas).Include(s => s.CostOptions).Include(s => s.RequiredDocuments).Include(s => s.Terms)
            .Include(s => s.Capacities)
            .Include(s => s.Locations).ThenInclude(l => l.Location!).ThenInclude(l => l.Addresses)
            .FirstOrDefaultAsync(ct);
    }

    private async Task<List<RuleError>> CheckAsync(Guid organisationId, ServiceInput input, CancellationToken ct)
    {
        var errors = Check(input);
        if (input.Locations.Count > 0)
        {
            var ids = input.Locations;
            var own = await db.Locations.CountAsync(l => ids.Contains(l.Id) && l.OrganisationId == organisationId, ct);
            if (own != ids.Count)
                errors.Add(new(nameof(input.Locations), "Directory.Edit.UnknownLocation"));
        }
        return errors;
    }

    /// <summary>The business rules of a service, after <see cref="ServiceInput.DropBlankRows"/>.</summary>
    public static List<RuleError> Check(ServiceInput input)
    {
        var errors = new List<RuleError>();
        if (string.IsNullOrWhiteSpace(input.Name))
            errors.Add(new(nameof(input.Name), "Validation.Required"));
        else if (input.Name.Length > 200)
            errors.Add(new(nameof(input.Name), "Validation.TooLong"));
        if (!string.IsNullOrEmpty(input.Status) && !PersonRules.IsValue<ServiceStatus>(input.Status))
            errors.Add(new(nameof(input.Status), "Exploitation.UnknownCode"));
        if (!string.IsNullOrWhiteSpace(input.Url) && !IsWebAddress(input.Url))
            errors.Add(new(nameof(input.Url), "Directory.Edit.InvalidUrl"));
        if (!string.IsNullOrWhiteSpace(input.Email) && !IsEmail(input.Email))
            errors.Add(new(nameof(input.Email), "Validation.Email"));
        if (input.MinimumAge is < 0 or > 120)
            errors.Add(new(nameof(input.MinimumAge), "Directory.AgeOutOfRange"));
        if (input.MaximumAge is < 0 or > 120)
            errors.Add(new(nameof(input.MaximumAge), "Directory.AgeOutOfRange"));
        else if (input.MinimumAge is { } min && input.MaximumAge is { } max && min > max)
            errors.Add(new(nameof(input.MaximumAge), "Directory.Edit.AgeRange"));
        if (!input.Genders.All(PersonRules.IsValue<Gender>))
            errors.Add(new(nameof(input.Genders), "Cases.Person.UnknownGender"));
        if (!input.Nationalities.All(PersonRules.IsCountry))
            errors.Add(new(nameof(input.Nationalities), "Cases.Person.UnknownCountry"));
        if (!input.Languages.All(l => DirectorySearch.LanguageCode().IsMatch(l)))
            errors.Add(new(nameof(input.Languages), "Cases.Person.UnknownLanguage"));
        if (input.Categories.Count == 0)
            errors.Add(new(nameof(input.Categories), "Directory.Edit.CategoryRequired"));
        else if (!input.Categories.All(c => ServiceTaxonomy.Find(c) is not null))
            errors.Add(new(nameof(input.Categories), "Directory.UnknownCategory"));
        if (input.Phones.Any(p => !PhoneNumber().IsMatch(p.Number!.Trim()) || p.Description?.Length > 200))
            errors.Add(new(nameof(input.Phones), "Cases.Person.InvalidPhone"));
        if (input.Contacts.Any(c => c.Name?.Length > 200 || c.Title?.Length > 200 || c.Department?.Length > 200 || c.Email?.Length > 200))
            errors.Add(new(nameof(input.Contacts), "Validation.TooLong"));
        else if (input.Contacts.Any(c => !string.IsNullOrWhiteSpace(c.Email) && !IsEmail(c.Email)))
            errors.Add(new(nameof(input.Contacts), "Validation.Email"));
        foreach (var schedule in input.Schedules)
        {
            if (schedule.Days.Count == 0 || !schedule.Days.All(DirectoryLabels.Days.Contains))
                errors.Add(new(nameof(input.Schedules), "Directory.Edit.DaysRequired"));
            else if (Time(schedule.OpensAt) is not { } opens || Time(schedule.ClosesAt) is not { } closes)
                errors.Add(new(nameof(input.Schedules), "Directory.Edit.InvalidTime"));
            else if (opens >= closes)
                errors.Add(new(nameof(input.Schedules), "Directory.Edit.ClosesBeforeOpens"));
            else if (schedule.Description?.Length > 500)
                errors.Add(new(nameof(input.Schedules), "Validation.TooLong"));
            else
                continue;
            break;
        }
        if (input.ServiceAreas.Any(a => !PersonRules.IsCountry(a.CountryCode!.Trim().ToUpperInvariant())))
            errors.Add(new(nameof(input.ServiceAreas), "Cases.Person.UnknownCountry"));
        else if (input.ServiceAreas.Any(a => a.Name?.Length > 100))
            errors.Add(new(nameof(input.ServiceAreas), "Validation.TooLong"));
        if (input.CostOptions.Any(c => c.Amount is < 0 or > 100_000_000))
            errors.Add(new(nameof(input.CostOptions), "Directory.Edit.InvalidAmount"));
        else if (input.CostOptions.Any(c => !string.IsNullOrWhiteSpace(c.Currency) && !Currency().IsMatch(c.Currency.Trim())))
            errors.Add(new(nameof(input.CostOptions), "Directory.Edit.UnknownCurrency"));
        else if (input.CostOptions.Any(c => c.Option?.Length > 200))
            errors.Add(new(nameof(input.CostOptions), "Validation.TooLong"));
        if (input.RequiredDocuments.Any(d => d.Length > 200))
            errors.Add(new(nameof(input.RequiredDocuments), "Validation.TooLong"));
        if (input.BedsAvailable is not null || input.BedsMaximum is not null)
        {
            if (!input.Categories.Any(HousingCategories.Contains))
                errors.Add(new(nameof(input.BedsAvailable), "Directory.Edit.BedsOnlyForHousing"));
            else if (input.BedsAvailable is not { } free || free < 0 || input.BedsMaximum is < 1 or > 10_000 || free > (input.BedsMaximum ?? int.MaxValue))
                errors.Add(new(nameof(input.BedsAvailable), "Directory.Edit.BedsRange"));
        }
        if (input.Genders.Count > 6 || input.Nationalities.Count > 30 || input.Languages.Count > 30 || input.Phones.Count > 10
            || input.Contacts.Count > 10 || input.Schedules.Count > 14 || input.ServiceAreas.Count > 30 || input.CostOptions.Count > 10
            || input.RequiredDocuments.Count > 20 || input.Locations.Count > 50)
            errors.Add(new("", "Directory.Edit.TooMany"));
        return errors;
    }

    private void Apply(Service s, ServiceInput input, bool bedsFromShelters = false)
    {
        var now = Now;
        var id = s.Id;
        s.Name = input.Name!.Trim();
        s.AlternateName = Clean(input.AlternateName);
        s.Description = Clean(input.Description);
        s.Url = Clean(input.Url);
        s.Email = Clean(input.Email);
        s.Status = string.IsNullOrEmpty(input.Status) ? ServiceStatus.Active : Enum.Parse<ServiceStatus>(input.Status);
        s.ApplicationProcess = Clean(input.ApplicationProcess);
        s.InterpretationServices = Clean(input.InterpretationServices);
        s.FeesDescription = Clean(input.FeesDescription);
        s.EligibilityDescription = Clean(input.EligibilityDescription);
        s.MinimumAge = input.MinimumAge;
        s.MaximumAge = input.MaximumAge;
        s.EligibleGenders = string.Join(",", input.Genders);
        s.EligibleNationalities = string.Join(",", input.Nationalities);
        s.AcceptsReferrals = input.AcceptsReferrals;
        s.ModifiedAt = now;

        // Sub-entities are replaced as a whole: the form and the API always send the full list.
        Replace(s.Languages, input.Languages.Select(code => new ServiceLanguage { ServiceId = id, Code = code }));
        Replace(s.Terms, input.Categories.Select(code => new ServiceTerm { ServiceId = id, TaxonomyTermId = ServiceTaxonomy.Find(code)!.Id }));
        Replace(s.Phones, input.Phones.Select(p => new Phone { ServiceId = id, Number = p.Number!.Trim(), Description = Clean(p.Description), Type = "voice" }));
        Replace(s.Contacts, input.Contacts.Select(c => new Contact { ServiceId = id, Name = Clean(c.Name), Title = Clean(c.Title), Department = Clean(c.Department), Email = Clean(c.Email) }));
        Replace(s.Schedules, input.Schedules.Select(x => new Schedule
        {
            ServiceId = id, ByDay = string.Join(",", DirectoryLabels.Days.Where(x.Days.Contains)),
            OpensAt = Time(x.OpensAt), ClosesAt = Time(x.ClosesAt), Description = Clean(x.Description),
        }));
        Replace(s.ServiceAreas, input.ServiceAreas.Select(a => new ServiceArea { ServiceId = id, CountryCode = a.CountryCode!.Trim().ToUpperInvariant(), Name = Clean(a.Name) }));
        Replace(s.CostOptions, input.CostOptions.Select(c => new CostOption { ServiceId = id, Option = Clean(c.Option), Amount = c.Amount, Currency = Clean(c.Currency)?.ToUpperInvariant() }));
        Replace(s.RequiredDocuments, input.RequiredDocuments.Select(d => new RequiredDocument { ServiceId = id, Document = d }));
        Replace(s.Locations, input.Locations.Select(l => new ServiceAtLocation { ServiceId = id, LocationId = l }));

        var beds = s.Capacities.FirstOrDefault(c => c.UnitId == ServiceTaxonomy.BedUnitId);
        if (bedsFromShelters)
            return;
        if (input.BedsAvailable is { } available)
        {
            if (beds is null)
            {
                beds = new ServiceCapacity { ServiceId = id, UnitId = ServiceTaxonomy.BedUnitId };
                db.ServiceCapacities.Add(beds);
                s.Capacities.Add(beds);
            }
            if (beds.Available != available || beds.Maximum != input.BedsMaximum || beds.UpdatedAt == default)
                beds.UpdatedAt = now;
            beds.Available = available;
            beds.Maximum = input.BedsMaximum;
        }
        else if (beds is not null)
        {
            s.Capacities.Remove(beds);
            db.ServiceCapacities.Remove(beds);
        }
    }

    private void Replace<T>(List<T> current, IEnumerable<T> next) where T : class
    {
        db.RemoveRange(current);
        current.Clear();
        // New rows carry their ids already, so they are added explicitly: found only through the
        // navigation, EF would take them for existing rows and update them.
        var rows = next.ToList();
        db.AddRange(rows);
        current.AddRange(rows);
    }

    // ---- locations ----

    public async Task<(LocationInput Input, Guid OrganisationId)?> LocationForEditAsync(Guid id, CancellationToken ct)
    {
        var l = await db.Locations.AsNoTracking().EditableBy(db.Organisations, user).Include(x => x.Addresses).Include(x => x.Accessibility)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (l is null)
            return null;
        var a = l.Addresses.FirstOrDefault();
        return (new LocationInput
        {
            Name = l.Name, LocationType = l.LocationType.ToString(), Description = l.Description, Transportation = l.Transportation, Url = l.Url,
            IsConfidential = l.IsConfidential, Address1 = a?.Address1, Address2 = a?.Address2, City = a?.City, Region = a?.Region,
            PostalCode = a?.PostalCode, CountryCode = a?.CountryCode, Accessibility = l.Accessibility.FirstOrDefault()?.Description,
        }, l.OrganisationId);
    }

    public async Task<CommandResult<LocationSummary>> CreateLocationAsync(Guid organisationId, LocationInput input, CancellationToken ct)
    {
        var organisation = await db.Organisations.EditableBy(user).FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null)
            return CommandResult<LocationSummary>.NotFound();
        // A coordinator may not create a confidential place for another organisation: they could not see it afterwards.
        if (input.IsConfidential && organisationId != user.OrganisationId)
            return CommandResult<LocationSummary>.Refused(nameof(input.IsConfidential), "Directory.Edit.ConfidentialOwnOnly");
        var errors = Check(input);
        if (errors.Count > 0)
            return CommandResult<LocationSummary>.Refused([.. errors]);
        var location = new Location { OrganisationId = organisationId };
        Apply(location, input);
        db.Locations.Add(location);
        audit.Record("directory.location.create", nameof(Location), location.Id, $"organisation={organisationId}");
        await db.SaveChangesAsync(ct);
        return CommandResult<LocationSummary>.Done(Summary(location));
    }

    public async Task<CommandResult<LocationSummary>> ChangeLocationAsync(Guid id, LocationInput input, CancellationToken ct)
    {
        var location = await db.Locations.EditableBy(db.Organisations, user).Include(x => x.Addresses).Include(x => x.Accessibility)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (location is null)
            return CommandResult<LocationSummary>.NotFound();
        var errors = Check(input);
        // A shelter's address stays confidential, and a shelter is a place, not a web site.
        var shelters = await db.ShelterFacilities.Where(f => f.LocationId == id).ToListAsync(ct);
        if (shelters.Count > 0 && (!input.IsConfidential || input.LocationType == nameof(LocationType.Virtual)))
            errors.Add(new(nameof(input.IsConfidential), "Directory.Edit.ShelterConfidential"));
        if (errors.Count > 0)
            return CommandResult<LocationSummary>.Refused([.. errors]);
        Apply(location, input);
        var now = Now;
        // The board and statistics show a shelter's city, region and country, copied from its address.
        foreach (var shelter in shelters)
        {
            shelter.City = location.Addresses[0].City;
            shelter.Region = location.Addresses[0].Region;
            shelter.CountryCode = location.Addresses[0].CountryCode;
            shelter.ModifiedAt = now;
        }
        // The services given there changed too, as HSDS readers see them (modified_after).
        var services = await db.Services.Where(s => s.Locations.Any(l => l.LocationId == id)).ToListAsync(ct);
        foreach (var service in services)
            service.ModifiedAt = now;
        audit.Record("directory.location.change", nameof(Location), location.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<LocationSummary>.Done(Summary(location));
    }

    public static List<RuleError> Check(LocationInput input)
    {
        var errors = new List<RuleError>();
        if (!string.IsNullOrEmpty(input.LocationType) && !PersonRules.IsValue<LocationType>(input.LocationType))
            errors.Add(new(nameof(input.LocationType), "Exploitation.UnknownCode"));
        var type = PersonRules.IsValue<LocationType>(input.LocationType) ? Enum.Parse<LocationType>(input.LocationType!) : LocationType.Physical;
        if (type == LocationType.Virtual)
        {
            if (string.IsNullOrWhiteSpace(input.Url))
                errors.Add(new(nameof(input.Url), "Validation.Required"));
            if (input.IsConfidential)
                errors.Add(new(nameof(input.IsConfidential), "Directory.Edit.VirtualNotConfidential"));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(input.Address1))
                errors.Add(new(nameof(input.Address1), "Validation.Required"));
            if (string.IsNullOrWhiteSpace(input.City))
                errors.Add(new(nameof(input.City), "Validation.Required"));
            if (!PersonRules.IsCountry(input.CountryCode?.Trim().ToUpperInvariant()))
                errors.Add(new(nameof(input.CountryCode), "Cases.Person.UnknownCountry"));
        }
        if (!string.IsNullOrWhiteSpace(input.Url) && !IsWebAddress(input.Url))
            errors.Add(new(nameof(input.Url), "Directory.Edit.InvalidUrl"));
        foreach (var (value, max, field) in new[]
        {
            (input.Name, 200, nameof(input.Name)), (input.Description, 2000, nameof(input.Description)), (input.Transportation, 500, nameof(input.Transportation)),
            (input.Url, 500, nameof(input.Url)), (input.Address1, 200, nameof(input.Address1)), (input.Address2, 200, nameof(input.Address2)),
            (input.City, 100, nameof(input.City)), (input.Region, 100, nameof(input.Region)), (input.PostalCode, 20, nameof(input.PostalCode)),
            (input.Accessibility, 500, nameof(input.Accessibility)),
        })
            if (value?.Length > max)
                errors.Add(new(field, "Validation.TooLong"));
        return errors;
    }

    private void Apply(Location l, LocationInput input)
    {
        var id = l.Id;
        l.Name = Clean(input.Name);
        l.LocationType = string.IsNullOrEmpty(input.LocationType) ? LocationType.Physical : Enum.Parse<LocationType>(input.LocationType);
        l.Description = Clean(input.Description);
        l.Transportation = Clean(input.Transportation);
        l.Url = Clean(input.Url);
        l.IsConfidential = input.IsConfidential;
        l.ModifiedAt = Now;
        var address = l.LocationType == LocationType.Virtual ? null : new Address
        {
            LocationId = id, Address1 = input.Address1!.Trim(), Address2 = Clean(input.Address2), City = input.City!.Trim(), Region = Clean(input.Region),
            PostalCode = Clean(input.PostalCode), CountryCode = input.CountryCode!.Trim().ToUpperInvariant(), AddressType = l.LocationType,
        };
        Replace(l.Addresses, address is null ? [] : [address]);
        Replace(l.Accessibility, Clean(input.Accessibility) is { } access ? [new Accessibility { LocationId = id, Description = access }] : []);
    }

    private static LocationSummary Summary(Location l) =>
        new(l.Id, l.OrganisationId, l.Name, l.LocationType.ToString(), l.IsConfidential, l.Addresses.FirstOrDefault()?.City);

    // ---- organisation profile ----

    public async Task<CommandResult<ProfileView>> ChangeProfileAsync(Guid organisationId, ProfileInput input, CancellationToken ct)
    {
        var organisation = await db.Organisations.EditableBy(user).FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null)
            return CommandResult<ProfileView>.NotFound();
        var errors = new List<RuleError>();
        if (input.Description?.Length > 2000)
            errors.Add(new(nameof(input.Description), "Validation.TooLong"));
        if (!string.IsNullOrWhiteSpace(input.Email) && (input.Email.Length > 200 || !IsEmail(input.Email)))
            errors.Add(new(nameof(input.Email), "Validation.Email"));
        if (!string.IsNullOrWhiteSpace(input.Website) && (input.Website.Length > 500 || !IsWebAddress(input.Website)))
            errors.Add(new(nameof(input.Website), "Directory.Edit.InvalidUrl"));
        if (errors.Count > 0)
            return CommandResult<ProfileView>.Refused([.. errors]);
        organisation.Description = Clean(input.Description);
        organisation.Email = Clean(input.Email);
        organisation.Website = Clean(input.Website);
        audit.Record("directory.organisation.change", "Organisation", organisation.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<ProfileView>.Done(new ProfileView(organisation.Id, organisation.Name, organisation.CountryCode, organisation.Description, organisation.Email, organisation.Website));
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static TimeOnly? Time(string? value) =>
        TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static bool IsWebAddress(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsEmail(string value) => new EmailAddressAttribute().IsValid(value.Trim()) && !value.Contains(' ', StringComparison.Ordinal);

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{4,24}$")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Currency();
}
