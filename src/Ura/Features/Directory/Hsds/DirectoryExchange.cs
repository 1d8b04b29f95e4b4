using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Platform.Audit;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Directory.Hsds;

/// <summary>
/// <c>ura directory export</c> and <c>ura directory import</c>: the whole directory as one HSDS JSON
/// document (<see cref="HsdsDirectoryDocument"/>). The export follows the publishing rules of /hsds
/// (active organisations; confidential locations without street or postal code). The import checks
/// the whole file first (HSDS required fields and value lists, Ura's rules, references) and then
/// applies it in one transaction, or changes nothing.
/// </summary>
public sealed class DirectoryExchange(UraDbContext db, HsdsPublisher publisher, AuditLog audit, TimeProvider clock)
{
    /// <summary>The largest file <c>import</c> reads (a directory of a few thousand services is a few MB).</summary>
    public const long MaxLength = 100L * 1024 * 1024;

    public async Task<HsdsDirectoryDocument> ExportAsync(CancellationToken ct)
    {
        var document = new HsdsDirectoryDocument
        {
            Taxonomies = [.. (await db.Taxonomies.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct)).Select(HsdsPublisher.Taxonomy)],
            TaxonomyTerms = [.. (await db.TaxonomyTerms.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct)).Select(HsdsPublisher.Term)],
            Units = [.. (await db.Units.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct)).Select(HsdsPublisher.Unit)],
        };
        var organisations = await publisher.PublishedOrganisations.OrderBy(o => o.Id).ToListAsync(ct);
        var organisationIds = organisations.Select(o => o.Id).ToList();
        var serviceIds = await publisher.PublishedServices.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        var services = (await publisher.FullServicesAsync(serviceIds, withOrganisation: false, ct)).ToLookup(s => s.OrganizationId);
        var locations = await db.Locations.AsNoTracking().AsSplitQuery().Where(l => organisationIds.Contains(l.OrganisationId))
            .Include(l => l.Addresses).Include(l => l.Accessibility).Include(l => l.Phones).Include(l => l.Schedules)
            .OrderBy(l => l.Id).ToListAsync(ct);
        var contacts = await db.Contacts.AsNoTracking()
            .Where(c => c.ServiceId == null && (c.LocationId != null || (c.OrganisationId != null && organisationIds.Contains(c.OrganisationId.Value))))
            .OrderBy(c => c.Id).ToListAsync(ct);
        var contactPhones = await publisher.ContactPhonesAsync(contacts.Select(c => c.Id).ToList(), ct);
        var phones = await db.Phones.AsNoTracking()
            .Where(p => p.ServiceId == null && p.LocationId == null && p.ContactId == null && p.OrganisationId != null && organisationIds.Contains(p.OrganisationId.Value))
            .OrderBy(p => p.Id).ToListAsync(ct);
        var contactsByLocation = contacts.Where(c => c.LocationId != null).ToLookup(c => c.LocationId!.Value);
        foreach (var o in organisations)
        {
            var organisation = HsdsPublisher.Organisation(o);
            organisation.Phones = [.. phones.Where(p => p.OrganisationId == o.Id).Select(HsdsPublisher.Phone)];
            organisation.Contacts = [.. contacts.Where(c => c.OrganisationId == o.Id && c.LocationId == null).Select(c => HsdsPublisher.Contact(c, contactPhones))];
            organisation.Locations = [.. locations.Where(l => l.OrganisationId == o.Id)
                .Select(l => HsdsPublisher.Location(l, contactsByLocation[l.Id].Select(c => HsdsPublisher.Contact(c, contactPhones))))];
            organisation.Services = [.. services[o.Id]];
            // Each location is written once, under its organisation; a service names it by id.
            foreach (var at in organisation.Services.SelectMany(s => s.ServiceAtLocations ?? []))
                at.Location = null;
            document.Organizations.Add(organisation);
        }
        audit.Record("directory.export", "Directory", detail: $"{document.Organizations.Count} organisations, {serviceIds.Count} services");
        await db.SaveChangesAsync(ct);
        return document;
    }

    public sealed record ImportResult(IReadOnlyList<string> Errors, int Organisations, int Services)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    /// <summary>Checks the whole document, then applies it in one transaction; on any error nothing changes.</summary>
    public async Task<ImportResult> ImportAsync(string json, CancellationToken ct)
    {
        HsdsDirectoryDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<HsdsDirectoryDocument>(json, HsdsJson.Options);
        }
        catch (JsonException e)
        {
            return Failed($"{e.Path ?? "$"}: not valid here ({Sentence(e.Message)}).");
        }
        if (document is null)
            return Failed("$: the file holds no directory.");

        var errors = await new DirectoryImportCheck(db, document).RunAsync(ct);
        if (errors.Count > 0)
            return new ImportResult(errors, 0, 0);

        await ApplyAsync(document, ct);
        if (TooLong() is { Count: > 0 } tooLong)
        {
            db.ChangeTracker.Clear();
            return new ImportResult(tooLong, 0, 0);
        }
        var services = document.Organizations.Sum(o => o.Services?.Count ?? 0);
        audit.Record("directory.import", "Directory", detail: $"{document.Organizations.Count} organisations, {services} services");
        try
        {
            // One SaveChanges: one transaction for the whole directory and its audit event.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Failed("The file uses ids that other directory entries of this node already have; nothing was imported.");
        }
        return new ImportResult([], document.Organizations.Count, services);
    }

    /// <summary>Values longer than their column allows (SQLite would keep them, PostgreSQL would refuse the whole import).</summary>
    private List<string> TooLong() =>
        db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified)
            .SelectMany(e => e.Properties
                .Where(p => p.Metadata.ClrType == typeof(string) && p.Metadata.GetMaxLength() is { } max && p.CurrentValue is string value && value.Length > max)
                .Select(p => $"{e.Metadata.ClrType.Name} {e.Property("Id").CurrentValue}: {p.Metadata.Name} is longer than {p.Metadata.GetMaxLength()} characters."))
            .ToList();

    private static ImportResult Failed(string error) => new([error], 0, 0);

    private static string Sentence(string message) => message.Split(". ")[0].TrimEnd('.');

    private async Task ApplyAsync(HsdsDirectoryDocument document, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        await UpsertAsync(db.Taxonomies, document.Taxonomies.Select(t => new Taxonomy
        {
            Id = t.Id, Name = t.Name, Description = t.Description, Uri = Empty(t.Uri), Version = Empty(t.Version),
        }), t => t.Id, ct);
        await UpsertAsync(db.Units, document.Units.Select(u => new Unit { Id = u.Id, Name = u.Name, Scheme = Empty(u.Scheme), Identifier = Empty(u.Identifier) }), u => u.Id, ct);
        // Parents first, so that a new term's parent exists when it is inserted.
        await UpsertAsync(db.TaxonomyTerms, OrderedTerms(document.TaxonomyTerms).Select(t => new TaxonomyTerm
        {
            Id = t.Id, TaxonomyId = t.TaxonomyId!.Value, Code = t.Code!, Name = t.Name, Description = t.Description,
            ParentId = t.ParentId, Language = Empty(t.Language),
        }), t => t.Id, ct);

        var organisationIds = document.Organizations.Select(o => o.Id).ToList();
        var existingOrganisations = await db.Organisations.Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        foreach (var o in document.Organizations)
        {
            // An organisation already on the node keeps its name, type and roles (the administrators'
            // business); the import sets its directory profile.
            if (!existingOrganisations.TryGetValue(o.Id, out var organisation))
            {
                organisation = new Organisation
                {
                    Id = o.Id, Name = o.Name, CountryCode = o.UraCountry!.ToUpperInvariant(), CreatedAt = now,
                    Type = Enum.Parse<OrganisationType>(o.UraType ?? nameof(OrganisationType.NGO)),
                    IsIdentificationAuthority = o.UraIdentificationAuthority == true,
                    IsNationalCoordinatorOffice = o.UraCoordinatorOffice == true,
                    IsShelterOperator = o.UraShelterOperator == true,
                };
                db.Organisations.Add(organisation);
            }
            organisation.Description = Empty(o.Description);
            organisation.Email = Empty(o.Email);
            organisation.Website = Empty(o.Website);
        }

        var locations = document.Organizations.SelectMany(o => (o.Locations ?? []).Select(l => (Organisation: o, Location: l))).ToList();
        var services = document.Organizations.SelectMany(o => (o.Services ?? []).Select(s => (Organisation: o, Service: s))).ToList();
        var locationIds = locations.Select(l => l.Location.Id).ToList();
        var serviceIds = services.Select(s => s.Service.Id).ToList();

        await UpsertAsync(db.Locations, locations.Select(x => new Location
        {
            Id = x.Location.Id, OrganisationId = x.Organisation.Id, LocationType = HsdsJson.TypeOf(x.Location.LocationType)!.Value,
            Name = Empty(x.Location.Name), Description = Empty(x.Location.Description), Transportation = Empty(x.Location.Transportation),
            Url = Empty(x.Location.Url), IsConfidential = x.Location.UraConfidential == true,
            ModifiedAt = x.Location.UraModified?.UtcDateTime ?? now,
        }), l => l.Id, ct);
        await UpsertAsync(db.Services, services.Select(x => NewService(x.Organisation.Id, x.Service, now)), s => s.Id, ct,
            keep: (old, incoming) => incoming.CreatedAt = old.CreatedAt);

        var confidential = locations.Where(l => l.Location.UraConfidential == true).Select(l => l.Location.Id).ToHashSet();
        await SyncAsync(db.Addresses, db.Addresses.Where(a => locationIds.Contains(a.LocationId)),
            locations.SelectMany(l => (l.Location.Addresses ?? []).Select(a => new Address
            {
                Id = a.Id, LocationId = l.Location.Id, Attention = Empty(a.Attention), Address1 = a.Address1, Address2 = Empty(a.Address2),
                City = a.City, Region = Empty(a.Region), StateProvince = Empty(a.StateProvince), PostalCode = Empty(a.PostalCode),
                CountryCode = a.Country.ToUpperInvariant(), AddressType = HsdsJson.TypeOf(a.AddressType)!.Value,
            })), a => a.Id, ct,
            // An export leaves a confidential street out: importing it back must not erase the street kept here.
            keep: (old, incoming) =>
            {
                if (confidential.Contains(incoming.LocationId) && incoming.Address1.Length == 0)
                {
                    incoming.Address1 = old.Address1;
                    incoming.Address2 = old.Address2;
                    incoming.PostalCode = old.PostalCode;
                    incoming.Attention = old.Attention;
                }
            });
        await SyncAsync(db.Accessibility, db.Accessibility.Where(a => locationIds.Contains(a.LocationId)),
            locations.SelectMany(l => (l.Location.Accessibility ?? []).Select(a => new Accessibility
            {
                Id = a.Id, LocationId = l.Location.Id, Description = Empty(a.Description), Details = Empty(a.Details),
            })), a => a.Id, ct);
        await SyncAsync(db.ServiceAtLocations, db.ServiceAtLocations.Where(x => serviceIds.Contains(x.ServiceId)),
            services.SelectMany(s => (s.Service.ServiceAtLocations ?? []).Select(x => new ServiceAtLocation
            {
                Id = x.Id, ServiceId = s.Service.Id, LocationId = x.LocationId!.Value, Description = Empty(x.Description),
            })), x => x.Id, ct);
        await SyncAsync(db.ServiceLanguages, db.ServiceLanguages.Where(x => serviceIds.Contains(x.ServiceId)),
            services.SelectMany(s => (s.Service.Languages ?? []).Select(x => new ServiceLanguage
            {
                Id = x.Id, ServiceId = s.Service.Id, Code = x.Code!, Note = Empty(x.Note),
            })), x => x.Id, ct);
        await SyncAsync(db.ServiceAreas, db.ServiceAreas.Where(x => serviceIds.Contains(x.ServiceId)),
            services.SelectMany(s => (s.Service.ServiceAreas ?? []).Select(x => new ServiceArea
            {
                Id = x.Id, ServiceId = s.Service.Id, CountryCode = x.UraCountry!.ToUpperInvariant(), Name = Empty(x.Name), Description = Empty(x.Description),
            })), x => x.Id, ct);
        await SyncAsync(db.CostOptions, db.CostOptions.Where(x => serviceIds.Contains(x.ServiceId)),
            services.SelectMany(s => (s.Service.CostOptions ?? []).Select(x => new CostOption
            {
                Id = x.Id, ServiceId = s.Service.Id, Option = Empty(x.Option), Amount = x.Amount, Currency = Empty(x.Currency),
                AmountDescription = Empty(x.AmountDescription),
            })), x => x.Id, ct);
        await SyncAsync(db.RequiredDocuments, db.RequiredDocuments.Where(x => serviceIds.Contains(x.ServiceId)),
            services.SelectMany(s => (s.Service.RequiredDocuments ?? []).Select(x => new RequiredDocument
            {
                Id = x.Id, ServiceId = s.Service.Id, Document = x.Document!,
            })), x => x.Id, ct);
        await SyncAsync(db.ServiceTerms, db.ServiceTerms.Where(x => serviceIds.Contains(x.ServiceId)),
            services.SelectMany(s => (s.Service.Attributes ?? []).Select(x => new ServiceTerm
            {
                Id = x.Id, ServiceId = s.Service.Id, TaxonomyTermId = x.TaxonomyTermId,
            })), x => x.Id, ct);
        await SyncAsync(db.ServiceCapacities, db.ServiceCapacities.Where(x => serviceIds.Contains(x.ServiceId)),
            services.SelectMany(s => (s.Service.Capacities ?? []).Select(x => new ServiceCapacity
            {
                Id = x.Id, ServiceId = s.Service.Id, UnitId = x.UnitId ?? x.Unit.Id, Available = x.Available, Maximum = x.Maximum,
                Description = Empty(x.Description), UpdatedAt = x.Updated.UtcDateTime,
            })), x => x.Id, ct);

        // Contacts, phones and schedules hang off organisations, services, locations (and phones off contacts).
        var contacts = document.Organizations.SelectMany(o =>
            (o.Contacts ?? []).Select(c => Contact(c, o.Id, null, null))
            .Concat((o.Locations ?? []).SelectMany(l => (l.Contacts ?? []).Select(c => Contact(c, c.OrganizationId, null, l.Id))))
            .Concat((o.Services ?? []).SelectMany(s => (s.Contacts ?? []).Select(c => Contact(c, c.OrganizationId, s.Id, c.LocationId))))).ToList();
        var contactIds = contacts.Select(c => c.Id).ToList();
        await SyncAsync(db.Contacts, db.Contacts.Where(c => (c.ServiceId != null && serviceIds.Contains(c.ServiceId.Value))
                || (c.LocationId != null && locationIds.Contains(c.LocationId.Value))
                || (c.ServiceId == null && c.LocationId == null && c.OrganisationId != null && organisationIds.Contains(c.OrganisationId.Value))),
            contacts, c => c.Id, ct);

        var phones = document.Organizations.SelectMany(o =>
            (o.Phones ?? []).Select(p => Phone(p, o.Id, null, null, null))
            .Concat((o.Contacts ?? []).SelectMany(c => (c.Phones ?? []).Select(p => Phone(p, p.OrganizationId, p.ServiceId, p.LocationId, c.Id))))
            .Concat((o.Locations ?? []).SelectMany(l => (l.Phones ?? []).Select(p => Phone(p, p.OrganizationId, p.ServiceId, l.Id, null))
                .Concat((l.Contacts ?? []).SelectMany(c => (c.Phones ?? []).Select(p => Phone(p, p.OrganizationId, p.ServiceId, p.LocationId, c.Id))))))
            .Concat((o.Services ?? []).SelectMany(s => (s.Phones ?? []).Select(p => Phone(p, p.OrganizationId, s.Id, p.LocationId, null))
                .Concat((s.Contacts ?? []).SelectMany(c => (c.Phones ?? []).Select(p => Phone(p, p.OrganizationId, p.ServiceId, p.LocationId, c.Id)))))));
        await SyncAsync(db.Phones, db.Phones.Where(p => (p.ServiceId != null && serviceIds.Contains(p.ServiceId.Value))
                || (p.LocationId != null && locationIds.Contains(p.LocationId.Value))
                || (p.ContactId != null && contactIds.Contains(p.ContactId.Value))
                || (p.ServiceId == null && p.LocationId == null && p.ContactId == null && p.OrganisationId != null && organisationIds.Contains(p.OrganisationId.Value))),
            phones, p => p.Id, ct);

        var schedules = document.Organizations.SelectMany(o =>
            (o.Locations ?? []).SelectMany(l => (l.Schedules ?? []).Select(s => Schedule(s, s.ServiceId, l.Id)))
            .Concat((o.Services ?? []).SelectMany(sv => (sv.Schedules ?? []).Select(s => Schedule(s, sv.Id, s.LocationId)))));
        await SyncAsync(db.Schedules, db.Schedules.Where(s => (s.ServiceId != null && serviceIds.Contains(s.ServiceId.Value))
                || (s.LocationId != null && locationIds.Contains(s.LocationId.Value))),
            schedules, s => s.Id, ct);
    }

    private static Service NewService(Guid organisationId, HsdsService s, DateTime now) => new()
    {
        Id = s.Id,
        OrganisationId = organisationId,
        Name = s.Name,
        AlternateName = Empty(s.AlternateName),
        Description = Empty(s.Description),
        Url = Empty(s.Url),
        Email = Empty(s.Email),
        Status = HsdsJson.StatusOf(s.Status)!.Value,
        InterpretationServices = Empty(s.InterpretationServices),
        ApplicationProcess = Empty(s.ApplicationProcess),
        FeesDescription = Empty(s.FeesDescription),
        EligibilityDescription = Empty(s.EligibilityDescription),
        MinimumAge = s.MinimumAge,
        MaximumAge = s.MaximumAge,
        EligibleGenders = string.Join(',', s.UraEligibleGenders ?? []),
        EligibleNationalities = string.Join(',', (s.UraEligibleNationalities ?? []).Select(n => n.ToUpperInvariant())),
        AcceptsReferrals = s.UraAcceptsReferrals ?? true,
        CreatedAt = now,
        ModifiedAt = s.LastModified?.UtcDateTime ?? now,
    };

    private static Contact Contact(HsdsContact c, Guid? organisationId, Guid? serviceId, Guid? locationId) => new()
    {
        Id = c.Id, OrganisationId = organisationId, ServiceId = serviceId, LocationId = locationId,
        Name = Empty(c.Name), Title = Empty(c.Title), Department = Empty(c.Department), Email = Empty(c.Email),
    };

    private static Phone Phone(HsdsPhone p, Guid? organisationId, Guid? serviceId, Guid? locationId, Guid? contactId) => new()
    {
        Id = p.Id, OrganisationId = organisationId, ServiceId = serviceId, LocationId = locationId, ContactId = contactId,
        Number = p.Number, Extension = p.Extension?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Type = Empty(p.Type), Description = Empty(p.Description),
    };

    private static Schedule Schedule(HsdsSchedule s, Guid? serviceId, Guid? locationId) => new()
    {
        Id = s.Id, ServiceId = serviceId, LocationId = locationId, ByDay = s.Byday ?? "",
        OpensAt = DirectoryImportCheck.Time(s.OpensAt), ClosesAt = DirectoryImportCheck.Time(s.ClosesAt), Description = Empty(s.Description),
    };

    private static IEnumerable<HsdsTaxonomyTerm> OrderedTerms(List<HsdsTaxonomyTerm> terms)
    {
        var byId = terms.ToDictionary(t => t.Id);
        int Depth(HsdsTaxonomyTerm t, int guard) =>
            guard < 20 && t.ParentId is { } parent && byId.TryGetValue(parent, out var p) ? 1 + Depth(p, guard + 1) : 0;
        return terms.OrderBy(t => Depth(t, 0));
    }

    /// <summary>Adds the rows that are new and overwrites the ones that exist (by id).</summary>
    private static async Task UpsertAsync<T>(DbSet<T> set, IEnumerable<T> incoming, Func<T, Guid> id, CancellationToken ct,
        Action<T, T>? keep = null) where T : class
    {
        var rows = incoming.GroupBy(id).Select(g => g.Last()).ToList();
        var ids = rows.Select(id).ToList();
        var existing = new Dictionary<Guid, T>();
        foreach (var chunk in ids.Chunk(500))
            foreach (var row in await set.Where(r => chunk.Contains(EF.Property<Guid>(r, "Id"))).ToListAsync(ct))
                existing[id(row)] = row;
        Apply(set, rows, existing, id, keep);
    }

    /// <summary>Makes the rows in <paramref name="scope"/> exactly <paramref name="incoming"/>: removes the others, overwrites, adds.</summary>
    private static async Task SyncAsync<T>(DbSet<T> set, IQueryable<T> scope, IEnumerable<T> incoming, Func<T, Guid> id, CancellationToken ct,
        Action<T, T>? keep = null) where T : class
    {
        var rows = incoming.GroupBy(id).Select(g => g.Last()).ToList();
        var existing = (await scope.ToListAsync(ct)).ToDictionary(id);
        var wanted = rows.Select(id).ToHashSet();
        set.RemoveRange(existing.Values.Where(r => !wanted.Contains(id(r))));
        Apply(set, rows, existing, id, keep);
    }

    private static void Apply<T>(DbSet<T> set, List<T> rows, Dictionary<Guid, T> existing, Func<T, Guid> id, Action<T, T>? keep) where T : class
    {
        foreach (var row in rows)
        {
            if (existing.TryGetValue(id(row), out var old))
            {
                keep?.Invoke(old, row);
                set.Entry(old).CurrentValues.SetValues(row);
            }
            else
            {
                set.Add(row);
            }
        }
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
