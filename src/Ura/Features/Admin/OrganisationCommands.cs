using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Audit;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Admin;

/// <summary>An organisation as the directory and the admin pages show it. <c>Type</c> is the HTCDS value name.</summary>
public sealed record OrganisationSummary(
    Guid Id, string Name, string CountryCode, string CountryName, string Type,
    bool IsIdentificationAuthority, bool IsNationalCoordinatorOffice, bool IsShelterOperator, bool IsActive, bool ReceivesHelpRequests = false);

/// <summary>The fields a system administrator sets on an organisation, for the form and the API alike.</summary>
public sealed record OrganisationInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Admin.Organisations.Name")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), StringLength(2, ErrorMessage = "Validation.Invalid")]
    public string CountryCode { get; set; } = "";

    /// <summary>One of the <see cref="OrganisationType"/> names, e.g. <c>NGO</c>.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(40, ErrorMessage = "Validation.Invalid")]
    public string Type { get; set; } = nameof(OrganisationType.NGO);

    public bool IsIdentificationAuthority { get; set; }
    public bool IsNationalCoordinatorOffice { get; set; }
    public bool IsShelterOperator { get; set; }

    /// <summary>Receives the public's anonymous requests for help from its country (a hotline).</summary>
    public bool ReceivesHelpRequests { get; set; }
    public bool IsActive { get; set; } = true;

    public static OrganisationInput From(OrganisationSummary o) => new()
    {
        Name = o.Name,
        CountryCode = o.CountryCode,
        Type = o.Type,
        IsIdentificationAuthority = o.IsIdentificationAuthority,
        IsNationalCoordinatorOffice = o.IsNationalCoordinatorOffice,
        IsShelterOperator = o.IsShelterOperator,
        ReceivesHelpRequests = o.ReceivesHelpRequests,
        IsActive = o.IsActive,
    };
}

/// <summary>Listing, creating and changing organisations. Reading is open to every signed-in user (a directory); changing is for system administrators.</summary>
public sealed class OrganisationCommands(UraDbContext db, AuditLog audit)
{
    public const int PageSize = 50;

    public static bool TryParseType(string? name, out OrganisationType type) =>
        Enum.TryParse(name, ignoreCase: false, out type) && Enum.IsDefined(type) && !char.IsAsciiDigit(name![0]);

    /// <summary>Ordered by country, then name; optionally one country only.</summary>
    public async Task<Paged<OrganisationSummary>> ListAsync(string? countryCode, int page, CancellationToken ct)
    {
        page = Paged<OrganisationSummary>.Clamp(page);
        var query = db.Organisations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(countryCode))
        {
            var code = countryCode.Trim().ToUpperInvariant();
            query = query.Where(o => o.CountryCode == code);
        }
        var total = await query.CountAsync(ct);
        var items = await Project(query.OrderBy(o => o.Country!.Name).ThenBy(o => o.Name).ThenBy(o => o.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
        return new Paged<OrganisationSummary>(items, page, PageSize, total);
    }

    public Task<OrganisationSummary?> GetAsync(Guid id, CancellationToken ct) =>
        Project(db.Organisations.AsNoTracking().Where(o => o.Id == id)).FirstOrDefaultAsync(ct);

    /// <summary>Every organisation, for choosing one in a form.</summary>
    public Task<List<OrganisationSummary>> AllAsync(CancellationToken ct) =>
        Project(db.Organisations.AsNoTracking().OrderBy(o => o.Country!.Name).ThenBy(o => o.Name)).ToListAsync(ct);

    public async Task<CommandResult<OrganisationSummary>> CreateAsync(OrganisationInput input, CancellationToken ct)
    {
        var errors = await CheckAsync(input, null, ct);
        if (errors.Count > 0)
            return CommandResult<OrganisationSummary>.Refused([.. errors]);
        var organisation = new Organisation { Name = "", CountryCode = "", CreatedAt = DateTime.UtcNow };
        Apply(organisation, input);
        db.Organisations.Add(organisation);
        audit.Record("organisation.create", nameof(Organisation), organisation.Id,
            $"country={organisation.CountryCode}; type={organisation.Type}", organisationId: organisation.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<OrganisationSummary>.Done((await GetAsync(organisation.Id, ct))!);
    }

    public async Task<CommandResult<OrganisationSummary>> ChangeAsync(Guid id, OrganisationInput input, CancellationToken ct)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
            return CommandResult<OrganisationSummary>.NotFound();
        var errors = await CheckAsync(input, id, ct);
        if (errors.Count > 0)
            return CommandResult<OrganisationSummary>.Refused([.. errors]);

        var wasActive = organisation.IsActive;
        var changed = Apply(organisation, input);
        if (changed.Count > 0)
        {
            var action = wasActive == organisation.IsActive ? "organisation.update"
                : organisation.IsActive ? "organisation.activate" : "organisation.deactivate";
            audit.Record(action, nameof(Organisation), organisation.Id, "fields=" + string.Join(",", changed), organisationId: organisation.Id);
            await db.SaveChangesAsync(ct);
        }
        return CommandResult<OrganisationSummary>.Done((await GetAsync(id, ct))!);
    }

    private async Task<List<RuleError>> CheckAsync(OrganisationInput input, Guid? id, CancellationToken ct)
    {
        var errors = new List<RuleError>();
        var code = input.CountryCode.Trim().ToUpperInvariant();
        if (!await db.Countries.AnyAsync(c => c.Code == code, ct))
            errors.Add(new(nameof(OrganisationInput.CountryCode), "Admin.Organisations.UnknownCountry"));
        if (!TryParseType(input.Type, out _))
            errors.Add(new(nameof(OrganisationInput.Type), "Admin.Organisations.UnknownType"));
        var name = input.Name.Trim();
        if (await db.Organisations.AnyAsync(o => o.CountryCode == code && o.Name == name && o.Id != id, ct))
            errors.Add(new(nameof(OrganisationInput.Name), "Admin.Organisations.Duplicate"));
        return errors;
    }

    /// <summary>Copies the checked input onto the organisation; returns the names (never the values) of the fields that changed.</summary>
    private static List<string> Apply(Organisation o, OrganisationInput input)
    {
        var name = input.Name.Trim();
        var code = input.CountryCode.Trim().ToUpperInvariant();
        TryParseType(input.Type, out var type);
        var changed = new (string Field, bool Differs)[]
        {
            ("name", o.Name != name),
            ("country", o.CountryCode != code),
            ("type", o.Type != type),
            ("identificationAuthority", o.IsIdentificationAuthority != input.IsIdentificationAuthority),
            ("nationalCoordinatorOffice", o.IsNationalCoordinatorOffice != input.IsNationalCoordinatorOffice),
            ("shelterOperator", o.IsShelterOperator != input.IsShelterOperator),
            ("receivesHelpRequests", o.ReceivesHelpRequests != input.ReceivesHelpRequests),
            ("active", o.IsActive != input.IsActive),
        }.Where(c => c.Differs).Select(c => c.Field).ToList();

        o.Name = name;
        o.CountryCode = code;
        o.Type = type;
        o.IsIdentificationAuthority = input.IsIdentificationAuthority;
        o.IsNationalCoordinatorOffice = input.IsNationalCoordinatorOffice;
        o.IsShelterOperator = input.IsShelterOperator;
        o.ReceivesHelpRequests = input.ReceivesHelpRequests;
        o.IsActive = input.IsActive;
        return changed;
    }

    private static IQueryable<OrganisationSummary> Project(IQueryable<Organisation> query) =>
        query.Select(o => new OrganisationSummary(
            o.Id, o.Name, o.CountryCode, o.Country!.Name, o.Type.ToString(),
            o.IsIdentificationAuthority, o.IsNationalCoordinatorOffice, o.IsShelterOperator, o.IsActive, o.ReceivesHelpRequests));
}
