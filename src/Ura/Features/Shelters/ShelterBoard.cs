using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Data;

namespace Ura.Features.Shelters;

/// <summary>
/// What the availability board is asked for. Every value is a code or a city, so a search can be
/// shared as a link. Unknown codes are refused, not ignored: a worker must never believe a filter
/// applied that did not. <see cref="Case"/> only travels along, for the "Refer" links.
/// </summary>
public sealed class BoardFilter
{
    /// <summary>ISO 3166 alpha-2 country of the facility.</summary>
    public string? Country { get; set; }

    /// <summary>The facility's city or region.</summary>
    public string? City { get; set; }

    /// <summary>A <see cref="HousingType"/> name.</summary>
    public string? Type { get; set; }

    /// <summary><see cref="Population"/> names: the facility must serve at least one of them.</summary>
    public string[]? Population { get; set; }

    /// <summary>Only wheelchair-accessible facilities.</summary>
    public bool? Accessible { get; set; }

    /// <summary>A bed type name (Adult, Child, Cot, Accessible): the facility must have a free bed of that type.</summary>
    public string? BedType { get; set; }

    /// <summary>The case the worker is looking for a bed for; carried through links only.</summary>
    public Guid? Case { get; set; }

    public int? Page { get; set; }

    public int PageNumber => Page ?? 1;

    public IReadOnlyList<Population> Populations =>
        [.. (Population ?? []).Where(PersonRules.IsValue<Population>).Select(Enum.Parse<Population>).Distinct()];

    /// <summary>The search as query string pairs (no page), for links that keep it.</summary>
    public IEnumerable<(string Key, string Value)> Pairs()
    {
        (string, string?)[] single =
        [
            ("country", Country), ("city", City), ("type", Type), ("accessible", Accessible == true ? "true" : null),
            ("bedType", BedType), ("case", Case?.ToString()),
        ];
        return single.Concat((Population ?? []).Select(p => ("population", (string?)p)))
            .Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => (p.Item1, p.Item2!));
    }
}

/// <summary>Free beds of a facility by type.</summary>
public sealed record FreeBeds(int Adult, int Child, int Cot, int Accessible)
{
    public int Total => Adult + Child + Cot + Accessible;

    public int Of(BedType type) => type switch
    {
        BedType.Adult => Adult,
        BedType.Child => Child,
        BedType.Cot => Cot,
        _ => Accessible,
    };
}

/// <summary>
/// One facility with a suitable free bed: who runs it, what it is, whom it serves, where (city,
/// region, country: never an address), its free beds by type and when a bed last changed status.
/// A facility of a peer node carries the peer's id and, when the peer's directory lists its service,
/// the cached service (<see cref="PeerServiceId"/>) a transnational referral goes to.
/// </summary>
public sealed record BoardRow(
    Guid FacilityId, Guid ServiceId, string OrganisationName, string Name, HousingType Type, IReadOnlyList<Population> Populations,
    bool WheelchairAccessible, string CountryCode, string City, string? Region, FreeBeds Free, DateTime UpdatedAt,
    string? PeerNodeId, Guid? PeerServiceId);

/// <summary>One page of the board; like the directory, no total: only whether another page follows.</summary>
public sealed record BoardPage(IReadOnlyList<BoardRow> Items, int Page, int PageSize, bool HasMore)
{
    public int First => (Page - 1) * PageSize + 1;

    public int Last => First + Items.Count - 1;
}

/// <summary>
/// The availability board: facilities of this node, then those of peer nodes (from their last
/// <c>shelter.availability</c> snapshot), that have a free bed matching the filter. Each source is one
/// query that counts the beds in the database (the bed index is FacilityId, Status, Type), so a
/// page costs two queries whatever its size, three when the page starts among the peers' rows.
/// Anyone with the board policy sees every facility: it shows counts, never people or addresses.
/// </summary>
public sealed class ShelterBoard(UraDbContext db)
{
    public const int PageSize = 20;
    public const int MaxPage = 100;

    public static IReadOnlyList<RuleError> Check(BoardFilter f)
    {
        var errors = new List<RuleError>();
        if (!string.IsNullOrEmpty(f.Country) && !PersonRules.IsCountry(f.Country))
            errors.Add(new(nameof(f.Country), "Cases.Person.UnknownCountry"));
        if (f.City?.Length > 100)
            errors.Add(new(nameof(f.City), "Validation.TooLong"));
        if (!string.IsNullOrEmpty(f.Type) && !PersonRules.IsValue<HousingType>(f.Type))
            errors.Add(new(nameof(f.Type), "Shelters.Board.UnknownType"));
        if ((f.Population ?? []).Any(p => !string.IsNullOrEmpty(p) && !PersonRules.IsValue<Population>(p)))
            errors.Add(new(nameof(f.Population), "Shelters.Board.UnknownPopulation"));
        if (!string.IsNullOrEmpty(f.BedType) && !PersonRules.IsValue<BedType>(f.BedType))
            errors.Add(new(nameof(f.BedType), "Shelters.Board.UnknownBedType"));
        if (f.PageNumber is < 1 or > MaxPage)
            errors.Add(new(nameof(f.Page), "CaseList.PageOutOfRange"));
        return errors;
    }

    public async Task<CommandResult<BoardPage>> SearchAsync(BoardFilter f, CancellationToken ct)
    {
        var errors = Check(f);
        if (errors.Count > 0)
            return CommandResult<BoardPage>.Refused([.. errors]);

        var local = LocalRows(f);
        var offset = (f.PageNumber - 1) * PageSize;
        var rows = await local.Skip(offset).Take(PageSize + 1).ToListAsync(ct);
        if (rows.Count <= PageSize)
        {
            // This node's rows end on this page (or before it): the peers' rows follow them.
            var peerOffset = rows.Count > 0 ? 0 : offset - await local.CountAsync(ct);
            rows.AddRange(await PeerRows(f).Skip(peerOffset).Take(PageSize + 1 - rows.Count).ToListAsync(ct));
        }
        var hasMore = rows.Count > PageSize;
        var items = rows.Take(PageSize).Select(r => new BoardRow(
            r.FacilityId, r.ServiceId, r.OrganisationName, r.Name, r.Type, ParsePopulations(r.Populations), r.WheelchairAccessible,
            r.CountryCode, r.City, r.Region, new FreeBeds(r.FreeAdult, r.FreeChild, r.FreeCot, r.FreeAccessible), r.UpdatedAt,
            r.PeerNodeId, r.PeerServiceId)).ToList();
        return CommandResult<BoardPage>.Done(new BoardPage(items, f.PageNumber, PageSize, hasMore));
    }

    /// <summary>The cities of this node's and the peers' facilities in a country, for the form's suggestions.</summary>
    public async Task<IReadOnlyList<string>> CitiesAsync(string? country, CancellationToken ct)
    {
        var code = string.IsNullOrEmpty(country) ? null : country.ToUpperInvariant();
        var local = await db.ShelterFacilities.AsNoTracking().Where(f => f.IsActive && (code == null || f.CountryCode == code))
            .Select(f => f.City).Distinct().ToListAsync(ct);
        var peers = await db.PeerShelters.AsNoTracking().Where(f => code == null || f.CountryCode == code)
            .Select(f => f.City).Distinct().ToListAsync(ct);
        return [.. local.Concat(peers).Distinct().Order(StringComparer.CurrentCulture)];
    }

    internal static IReadOnlyList<Population> ParsePopulations(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(PersonRules.IsValue<Population>).Select(Enum.Parse<Population>)];

    /// <summary>A board row as the database returns it, before populations are parsed.</summary>
    private sealed record Row(
        Guid FacilityId, Guid ServiceId, string OrganisationName, string Name, HousingType Type, string Populations, bool WheelchairAccessible,
        string CountryCode, string City, string? Region, int FreeAdult, int FreeChild, int FreeCot, int FreeAccessible, DateTime UpdatedAt,
        string? PeerNodeId, Guid? PeerServiceId);

    private IQueryable<Row> LocalRows(BoardFilter f)
    {
        var facilities = db.ShelterFacilities.AsNoTracking().Where(x => x.IsActive);
        if (!string.IsNullOrEmpty(f.Country))
            facilities = facilities.Where(x => x.CountryCode == f.Country);
        if (!string.IsNullOrWhiteSpace(f.City))
        {
            var city = f.City.Trim();
            facilities = facilities.Where(x => x.City == city || x.Region == city);
        }
        if (!string.IsNullOrEmpty(f.Type))
        {
            var type = Enum.Parse<HousingType>(f.Type);
            facilities = facilities.Where(x => x.Type == type);
        }
        if (f.Accessible == true)
            facilities = facilities.Where(x => x.WheelchairAccessible);
        if (f.Populations.Count > 0)
            facilities = facilities.Where(ServesAny<ShelterFacility>(x => x.Populations, f.Populations));
        var available = db.ShelterBeds.Where(b => b.Status == BedStatus.Available);
        if (!string.IsNullOrEmpty(f.BedType))
        {
            var bedType = Enum.Parse<BedType>(f.BedType);
            facilities = facilities.Where(x => available.Any(b => b.FacilityId == x.Id && b.Type == bedType));
        }
        else
            facilities = facilities.Where(x => available.Any(b => b.FacilityId == x.Id));

        return
            from x in facilities
            join o in db.Organisations on x.OrganisationId equals o.Id
            where o.IsActive
            orderby x.CountryCode, x.City, x.Name, x.Id
            select new Row(x.Id, x.ServiceId, o.Name, x.Name, x.Type, x.Populations, x.WheelchairAccessible, x.CountryCode, x.City, x.Region,
                available.Count(b => b.FacilityId == x.Id && b.Type == BedType.Adult),
                available.Count(b => b.FacilityId == x.Id && b.Type == BedType.Child),
                available.Count(b => b.FacilityId == x.Id && b.Type == BedType.Cot),
                available.Count(b => b.FacilityId == x.Id && b.Type == BedType.Accessible),
                x.CapacityUpdatedAt, null, null);
    }

    private IQueryable<Row> PeerRows(BoardFilter f)
    {
        // A peer that was unpinned no longer counts, though its last snapshot is still stored.
        var facilities = db.PeerShelters.AsNoTracking().Where(x => db.FederationPeers.Any(p => p.NodeId == x.PeerNodeId));
        if (!string.IsNullOrEmpty(f.Country))
            facilities = facilities.Where(x => x.CountryCode == f.Country);
        if (!string.IsNullOrWhiteSpace(f.City))
        {
            var city = f.City.Trim();
            facilities = facilities.Where(x => x.City == city || x.Region == city);
        }
        if (!string.IsNullOrEmpty(f.Type))
        {
            var type = Enum.Parse<HousingType>(f.Type);
            facilities = facilities.Where(x => x.Type == type);
        }
        if (f.Accessible == true)
            facilities = facilities.Where(x => x.WheelchairAccessible);
        if (f.Populations.Count > 0)
            facilities = facilities.Where(ServesAny<PeerShelter>(x => x.Populations, f.Populations));
        facilities = (string.IsNullOrEmpty(f.BedType) ? (BedType?)null : Enum.Parse<BedType>(f.BedType)) switch
        {
            BedType.Adult => facilities.Where(x => x.FreeAdult > 0),
            BedType.Child => facilities.Where(x => x.FreeChild > 0),
            BedType.Cot => facilities.Where(x => x.FreeCot > 0),
            BedType.Accessible => facilities.Where(x => x.FreeAccessible > 0),
            _ => facilities.Where(x => x.FreeAdult + x.FreeChild + x.FreeCot + x.FreeAccessible > 0),
        };
        return facilities.OrderBy(x => x.CountryCode).ThenBy(x => x.City).ThenBy(x => x.Name).ThenBy(x => x.Id)
            .Select(x => new Row(x.FacilityId, x.ServiceId, x.OrganisationName, x.Name, x.Type, x.Populations, x.WheelchairAccessible,
                x.CountryCode, x.City, x.Region, x.FreeAdult, x.FreeChild, x.FreeCot, x.FreeAccessible, x.UpdatedAt, x.PeerNodeId,
                db.PeerServices.Where(s => s.PeerNodeId == x.PeerNodeId && s.ServiceId == x.ServiceId).Select(s => (Guid?)s.Id).FirstOrDefault()));
    }

    /// <summary>
    /// Serves at least one of <paramref name="populations"/> (one or more). Populations are stored as
    /// "Women,Children"; commas on both sides match whole names only.
    /// </summary>
    private static Expression<Func<T, bool>> ServesAny<T>(Expression<Func<T, string>> list, IReadOnlyList<Population> populations)
    {
        var x = list.Parameters[0];
        var concat = typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string), typeof(string)])!;
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        var wrapped = Expression.Call(concat, Expression.Constant(","), list.Body, Expression.Constant(","));
        var body = populations.Select(p => (Expression)Expression.Call(wrapped, contains, Expression.Constant("," + p + ",")))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<T, bool>>(body, x);
    }
}
