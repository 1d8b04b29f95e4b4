using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Resources;

namespace Ura.Features.Directory.Hsds;

/// <summary>
/// <c>/hsds</c>: the directory as the Open Referral HSDS 3.0 read API (with 3.1 service capacity).
/// Open to anyone when <c>Ura:Directory:HsdsPublic</c> is true, otherwise to signed-in users and
/// bearer tokens (<see cref="HsdsReadRequirement"/>).
/// </summary>
public static class HsdsApi
{
    public const string Version = "3.0";
    public const string Profile = "https://docs.openreferral.org/en/v3.0/";
    public const string OpenApiUrl = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json";

    public static void MapHsdsApi(this IEndpointRouteBuilder app)
    {
        var hsds = app.MapGroup("/hsds").WithTags("HSDS");
        hsds.MapGet("/", () => TypedResults.Json(new HsdsInfo(Version, Profile, OpenApiUrl), HsdsJson.Options))
            .WithName("HsdsInfo").WithSummary("Which HSDS version and profile this API follows.").RequireAuthorization(Policies.HsdsReader);
        hsds.MapGet("/services", Services).WithName("HsdsServices")
            .WithSummary("Services of active organisations, paged; search, taxonomy_term_id, taxonomy_id, organization_id, modified_after, full.")
            .RequireAuthorization(Policies.HsdsReader);
        hsds.MapGet("/services/{id:guid}", Service).WithName("HsdsService")
            .WithSummary("One service, fully nested (locations, phones, hours, languages, eligibility, capacities, taxonomy terms).")
            .RequireAuthorization(Policies.HsdsReader);
        hsds.MapGet("/organizations", Organizations).WithName("HsdsOrganizations")
            .WithSummary("Active organisations, paged; search.").RequireAuthorization(Policies.HsdsReader);
        hsds.MapGet("/organizations/{id:guid}", Organization).WithName("HsdsOrganization")
            .WithSummary("One organisation with its phones, contacts, locations and services (full_service=true nests them fully).")
            .RequireAuthorization(Policies.HsdsReader);
        hsds.MapGet("/service_at_locations", ServiceAtLocations).WithName("HsdsServiceAtLocations")
            .WithSummary("Where services are given, paged; filtered by their service like /services; full=true nests the location.")
            .RequireAuthorization(Policies.HsdsReader);
        hsds.MapGet("/service_at_locations/{id:guid}", ServiceAtLocation).WithName("HsdsServiceAtLocation")
            .WithSummary("One service at a location, with the location.").RequireAuthorization(Policies.HsdsReader);
        hsds.MapGet("/taxonomies", Taxonomies).WithName("HsdsTaxonomies")
            .WithSummary("Taxonomies, paged; search.").RequireAuthorization(Policies.HsdsReader);
        hsds.MapGet("/taxonomies/{id:guid}", Taxonomy).WithName("HsdsTaxonomy")
            .WithSummary("One taxonomy.").RequireAuthorization(Policies.HsdsReader);
        hsds.MapGet("/taxonomy_terms", TaxonomyTerms).WithName("HsdsTaxonomyTerms")
            .WithSummary("Taxonomy terms, paged; search, taxonomy_id, parent_id, top_only.").RequireAuthorization(Policies.HsdsReader);
        hsds.MapGet("/taxonomy_terms/{id:guid}", TaxonomyTerm).WithName("HsdsTaxonomyTerm")
            .WithSummary("One taxonomy term.").RequireAuthorization(Policies.HsdsReader);
    }

    private static async Task<Results<JsonHttpResult<HsdsPage<HsdsService>>, ValidationProblem>> Services(
        HttpRequest request, HsdsPublisher publisher, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var (q, errors) = HsdsQuery.Parse(request.Query);
        if (errors.Count > 0)
            return Problem(errors, text);
        var services = Filter(publisher.PublishedServices, q).OrderBy(s => s.Name).ThenBy(s => s.Id);
        return Json(await PageAsync(services, q, async rows => q.Full
            ? await publisher.FullServicesAsync(rows.Select(s => s.Id).ToList(), withOrganisation: true, ct)
            : rows.Select(HsdsPublisher.Summary).ToList(), ct));
    }

    private static async Task<Results<JsonHttpResult<HsdsService>, NotFound>> Service(Guid id, HsdsPublisher publisher, CancellationToken ct) =>
        (await publisher.FullServicesAsync([id], withOrganisation: true, ct)).FirstOrDefault() is { } service
            ? TypedResults.Json(service, HsdsJson.Options)
            : TypedResults.NotFound();

    private static async Task<Results<JsonHttpResult<HsdsPage<HsdsOrganization>>, ValidationProblem>> Organizations(
        HttpRequest request, HsdsPublisher publisher, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var (q, errors) = HsdsQuery.Parse(request.Query);
        if (errors.Count > 0)
            return Problem(errors, text);
        var organisations = publisher.PublishedOrganisations;
        if (q.Search is { } search)
        {
            var term = search.ToLowerInvariant();
            organisations = organisations.Where(o => o.Name.ToLower().Contains(term) || (o.Description != null && o.Description.ToLower().Contains(term)));
        }
        var ordered = organisations.OrderBy(o => o.Name).ThenBy(o => o.Id);
        return Json(await PageAsync(ordered, q, rows => Task.FromResult(rows.Select(HsdsPublisher.Organisation).ToList()), ct));
    }

    private static async Task<Results<JsonHttpResult<HsdsOrganization>, NotFound, ValidationProblem>> Organization(
        Guid id, HttpRequest request, HsdsPublisher publisher, UraDbContext db, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var (q, errors) = HsdsQuery.Parse(request.Query);
        if (errors.Count > 0)
            return Problem(errors, text);
        var organisation = await publisher.PublishedOrganisations.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
            return TypedResults.NotFound();
        var result = HsdsPublisher.Organisation(organisation);
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.OrganisationId == id && c.ServiceId == null).OrderBy(c => c.Id).ToListAsync(ct);
        var phones = await publisher.ContactPhonesAsync(contacts.Select(c => c.Id).ToList(), ct);
        result.Phones = [.. (await db.Phones.AsNoTracking()
                .Where(p => p.OrganisationId == id && p.ServiceId == null && p.LocationId == null && p.ContactId == null)
                .OrderBy(p => p.Id).ToListAsync(ct))
            .Select(HsdsPublisher.Phone)];
        result.Contacts = [.. contacts.Where(c => c.LocationId == null).Select(c => HsdsPublisher.Contact(c, phones))];
        var locations = await db.Locations.AsNoTracking().AsSplitQuery().Where(l => l.OrganisationId == id)
            .Include(l => l.Addresses).Include(l => l.Accessibility).Include(l => l.Phones).Include(l => l.Schedules)
            .OrderBy(l => l.Id).ToListAsync(ct);
        var byLocation = contacts.Where(c => c.LocationId != null).ToLookup(c => c.LocationId!.Value);
        result.Locations = [.. locations.Select(l => HsdsPublisher.Location(l, byLocation[l.Id].Select(c => HsdsPublisher.Contact(c, phones))))];
        var services = await publisher.PublishedServices.Where(s => s.OrganisationId == id).OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(ct);
        result.Services = q.FullService
            ? await publisher.FullServicesAsync(services.Select(s => s.Id).ToList(), withOrganisation: false, ct)
            : [.. services.Select(HsdsPublisher.Summary)];
        return TypedResults.Json(result, HsdsJson.Options);
    }

    private static async Task<Results<JsonHttpResult<HsdsPage<HsdsServiceAtLocation>>, ValidationProblem>> ServiceAtLocations(
        HttpRequest request, HsdsPublisher publisher, UraDbContext db, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var (q, errors) = HsdsQuery.Parse(request.Query);
        if (errors.Count > 0)
            return Problem(errors, text);
        var services = Filter(publisher.PublishedServices, q);
        var ordered = db.ServiceAtLocations.AsNoTracking().Where(l => services.Any(s => s.Id == l.ServiceId)).OrderBy(l => l.Id);
        return Json(await PageAsync(ordered, q, async rows =>
        {
            var locations = q.Full ? await LocationsAsync(db, rows.Select(r => r.LocationId).ToList(), publisher, ct) : [];
            return rows.Select(r => HsdsPublisher.ServiceAtLocation(r, locations.GetValueOrDefault(r.LocationId))).ToList();
        }, ct));
    }

    private static async Task<Results<JsonHttpResult<HsdsServiceAtLocation>, NotFound>> ServiceAtLocation(
        Guid id, HsdsPublisher publisher, UraDbContext db, CancellationToken ct)
    {
        var published = publisher.PublishedServices;
        var row = await db.ServiceAtLocations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id && published.Any(s => s.Id == l.ServiceId), ct);
        if (row is null)
            return TypedResults.NotFound();
        var locations = await LocationsAsync(db, [row.LocationId], publisher, ct);
        return TypedResults.Json(HsdsPublisher.ServiceAtLocation(row, locations.GetValueOrDefault(row.LocationId)), HsdsJson.Options);
    }

    private static async Task<Results<JsonHttpResult<HsdsPage<HsdsTaxonomy>>, ValidationProblem>> Taxonomies(
        HttpRequest request, UraDbContext db, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var (q, errors) = HsdsQuery.Parse(request.Query);
        if (errors.Count > 0)
            return Problem(errors, text);
        var taxonomies = db.Taxonomies.AsNoTracking();
        if (q.Search is { } search)
        {
            var term = search.ToLowerInvariant();
            taxonomies = taxonomies.Where(t => t.Name.ToLower().Contains(term));
        }
        return Json(await PageAsync(taxonomies.OrderBy(t => t.Name).ThenBy(t => t.Id), q,
            rows => Task.FromResult(rows.Select(HsdsPublisher.Taxonomy).ToList()), ct));
    }

    private static async Task<Results<JsonHttpResult<HsdsTaxonomy>, NotFound>> Taxonomy(Guid id, UraDbContext db, CancellationToken ct) =>
        await db.Taxonomies.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is { } taxonomy
            ? TypedResults.Json(HsdsPublisher.Taxonomy(taxonomy), HsdsJson.Options)
            : TypedResults.NotFound();

    private static async Task<Results<JsonHttpResult<HsdsPage<HsdsTaxonomyTerm>>, ValidationProblem>> TaxonomyTerms(
        HttpRequest request, UraDbContext db, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var (q, errors) = HsdsQuery.Parse(request.Query);
        if (errors.Count > 0)
            return Problem(errors, text);
        var terms = db.TaxonomyTerms.AsNoTracking();
        if (q.Search is { } search)
        {
            var term = search.ToLowerInvariant();
            terms = terms.Where(t => t.Name.ToLower().Contains(term) || t.Code.ToLower().Contains(term));
        }
        if (q.TaxonomyId is { } taxonomyId)
            terms = terms.Where(t => t.TaxonomyId == taxonomyId);
        if (q.ParentId is { } parentId)
            terms = terms.Where(t => t.ParentId == parentId);
        if (q.TopOnly)
            terms = terms.Where(t => t.ParentId == null);
        return Json(await PageAsync(terms.OrderBy(t => t.Code).ThenBy(t => t.Id), q,
            rows => Task.FromResult(rows.Select(HsdsPublisher.Term).ToList()), ct));
    }

    private static async Task<Results<JsonHttpResult<HsdsTaxonomyTerm>, NotFound>> TaxonomyTerm(Guid id, UraDbContext db, CancellationToken ct) =>
        await db.TaxonomyTerms.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is { } term
            ? TypedResults.Json(HsdsPublisher.Term(term), HsdsJson.Options)
            : TypedResults.NotFound();

    /// <summary>The service filters shared by /services and /service_at_locations, AND-ed.</summary>
    private static IQueryable<Service> Filter(IQueryable<Service> services, HsdsQuery q)
    {
        if (q.Search is { } search)
        {
            var term = search.ToLowerInvariant();
            services = services.Where(s => s.Name.ToLower().Contains(term)
                || (s.AlternateName != null && s.AlternateName.ToLower().Contains(term))
                || (s.Description != null && s.Description.ToLower().Contains(term)));
        }
        if (q.TaxonomyTermId is { } termId)
            services = services.Where(s => s.Terms.Any(t => t.TaxonomyTermId == termId));
        if (q.TaxonomyId is { } taxonomyId)
            services = services.Where(s => s.Terms.Any(t => t.Term!.TaxonomyId == taxonomyId));
        if (q.OrganizationId is { } organisationId)
            services = services.Where(s => s.OrganisationId == organisationId);
        if (q.ModifiedAfter is { } after)
            services = services.Where(s => s.ModifiedAt >= after);
        return services;
    }

    private static async Task<Dictionary<Guid, HsdsLocation>> LocationsAsync(UraDbContext db, List<Guid> ids, HsdsPublisher publisher, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToList();
        var locations = await db.Locations.AsNoTracking().AsSplitQuery().Where(l => distinct.Contains(l.Id))
            .Include(l => l.Addresses).Include(l => l.Accessibility).Include(l => l.Phones).Include(l => l.Schedules)
            .ToListAsync(ct);
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.LocationId != null && distinct.Contains(c.LocationId.Value))
            .OrderBy(c => c.Id).ToListAsync(ct);
        var phones = await publisher.ContactPhonesAsync(contacts.Select(c => c.Id).ToList(), ct);
        var byLocation = contacts.ToLookup(c => c.LocationId!.Value);
        return locations.ToDictionary(l => l.Id, l => HsdsPublisher.Location(l, byLocation[l.Id].Select(c => HsdsPublisher.Contact(c, phones))));
    }

    /// <summary>One page and the HSDS Page fields; <c>size</c> is the number of items on this page.</summary>
    private static async Task<HsdsPage<T>> PageAsync<TRow, T>(IQueryable<TRow> ordered, HsdsQuery q, Func<List<TRow>, Task<List<T>>> map, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        var rows = total <= q.Skip ? [] : await ordered.Skip(q.Skip).Take(q.PerPage).ToListAsync(ct);
        var contents = await map(rows);
        var pages = (total + q.PerPage - 1) / q.PerPage;
        return new HsdsPage<T>(total, pages, q.Page, contents.Count, q.Page == 1, q.Page >= pages, contents.Count == 0, contents);
    }

    private static JsonHttpResult<T> Json<T>(T value) => TypedResults.Json(value, HsdsJson.Options);

    private static ValidationProblem Problem(Dictionary<string, string> errors, IStringLocalizer<Text> text) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { text[e.Value].Value }), title: text["Problem.Validation"]);
}
