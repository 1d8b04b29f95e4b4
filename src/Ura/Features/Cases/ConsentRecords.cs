using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Cases;

/// <summary>A consent as the form or the API sends it: codes and ids, checked by <see cref="ConsentRecords"/>.</summary>
public sealed class ConsentInput
{
    /// <summary><see cref="ConsentPurpose"/> names; at least one.</summary>
    public List<string> Purposes { get; set; } = [];

    /// <summary>Ids of organisations the data may be shared with.</summary>
    public List<Guid> SharedWithOrganisations { get; set; } = [];

    /// <summary>HTCDS organisation types (<c>NGO</c>, <c>LawEnforcement</c>...) the data may be shared with.</summary>
    public List<string> SharedWithOrganisationTypes { get; set; } = [];

    /// <summary>ISO 3166 alpha-2 codes of countries the data may be sent to.</summary>
    public List<string> CrossBorderCountries { get; set; } = [];

    public bool ResearchUse { get; set; }

    [Range(1, 1200, ErrorMessage = "Consent.RetentionInvalid")]
    public int RetentionMonths { get; set; }

    public bool DataUseExplained { get; set; }
    public bool RightOfAccessExplained { get; set; }
    public bool WithdrawalExplained { get; set; }

    /// <summary><c>Person</c>, <c>Guardian</c> or <c>LegalRepresentative</c>.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public string GivenBy { get; set; } = "";

    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? GiverName { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public DateOnly? GivenOn { get; set; }
}

/// <summary>A withdrawal: when the person withdrew, and why if they said.</summary>
public sealed record ConsentWithdrawalInput(
    [property: Required(ErrorMessage = "Validation.Required")] DateOnly? WithdrawnOn,
    [property: StringLength(1000, ErrorMessage = "Validation.TooLong")] string? Reason);

public sealed record ConsentView(
    Guid Id, IReadOnlyList<string> Purposes, IReadOnlyList<ConsentOrganisationView> SharedWithOrganisations,
    IReadOnlyList<string> SharedWithOrganisationTypes, IReadOnlyList<string> CrossBorderCountries, bool ResearchUse, int RetentionMonths,
    bool DataUseExplained, bool RightOfAccessExplained, bool WithdrawalExplained, string GivenBy, string? GiverName, DateOnly GivenOn,
    string TakenBy, DateTime RecordedAt, bool InForce, DateOnly? WithdrawnOn, string? WithdrawnBy, string? WithdrawalReason);

public sealed record ConsentOrganisationView(Guid Id, string Name, string CountryCode);

/// <summary>Records, lists and withdraws consents of a case, for its team.</summary>
public sealed class ConsentRecords(UraDbContext db, CaseAccess access, CurrentUser user, Transnational.TransnationalConsent transnational)
{
    /// <summary>A consent taken on paper at first contact may be entered when the case is opened later, within this many days.</summary>
    public const int DaysBeforeOpening = 30;

    /// <summary>The case's consents, newest first; null when out of scope. The read is audited.</summary>
    public async Task<IReadOnlyList<ConsentView>?> ListAsync(Guid caseId, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is not { } found)
            return null;
        return await ViewsAsync(found.Id, ct);
    }

    /// <summary>The consents of a case the caller has already loaded through <see cref="CaseAccess"/>.</summary>
    public async Task<IReadOnlyList<ConsentView>> ListForAsync(Case scoped, CancellationToken ct) => await ViewsAsync(scoped.Id, ct);

    public async Task<CommandResult<ConsentView>> RecordAsync(Guid caseId, ConsentInput input, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return CommandResult<ConsentView>.NotFound();
        if (refusal is not null)
            return CommandResult<ConsentView>.Refused(refusal);
        var isChild = await db.Persons.Where(p => p.CaseId == @case.Id).Select(p => p.IsChild).SingleOrDefaultAsync(ct);
        var errors = await CheckAsync(input, isChild, DateOnly.FromDateTime(@case.OpenedAt), ct);
        if (errors.Count > 0)
            return CommandResult<ConsentView>.Refused([.. errors]);

        var givenBy = Enum.Parse<ConsentGiver>(input.GivenBy);
        var consent = new Consent
        {
            CaseId = @case.Id,
            OrganisationId = @case.OrganisationId,
            Purposes = string.Join(',', input.Purposes.Distinct()),
            SharedWithOrganisations = string.Join(',', input.SharedWithOrganisations.Distinct()),
            SharedWithOrganisationTypes = string.Join(',', input.SharedWithOrganisationTypes.Distinct()),
            CrossBorderCountries = string.Join(',', input.CrossBorderCountries.Select(c => c.Trim().ToUpperInvariant()).Distinct()),
            ResearchUse = input.ResearchUse,
            RetentionMonths = input.RetentionMonths,
            DataUseExplained = input.DataUseExplained,
            RightOfAccessExplained = input.RightOfAccessExplained,
            WithdrawalExplained = input.WithdrawalExplained,
            GivenBy = givenBy,
            GiverName = givenBy == ConsentGiver.Person || string.IsNullOrWhiteSpace(input.GiverName) ? null : input.GiverName.Trim(),
            GivenOn = input.GivenOn!.Value,
            TakenById = user.RequiredId,
            RecordedAt = access.Now,
        };
        db.Consents.Add(consent);
        access.Record(@case, "consent.record", consent.Id, "ConsentGiver." + givenBy);
        await db.SaveChangesAsync(ct);
        return CommandResult<ConsentView>.Done((await ViewsAsync(@case.Id, ct)).Single(v => v.Id == consent.Id));
    }

    public async Task<CommandResult<ConsentView>> WithdrawAsync(Guid caseId, Guid consentId, ConsentWithdrawalInput input, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return CommandResult<ConsentView>.NotFound();
        // Found through the scoped case: another case's consent id is simply not found.
        var consent = await db.Consents.SingleOrDefaultAsync(c => c.Id == consentId && c.CaseId == @case.Id, ct);
        if (consent is null)
            return CommandResult<ConsentView>.NotFound();
        if (refusal is not null)
            return CommandResult<ConsentView>.Refused(refusal);
        if (input.WithdrawnOn is not { } on)
            return CommandResult<ConsentView>.Refused(nameof(ConsentWithdrawalInput.WithdrawnOn), "Validation.Required");
        if (input.Reason is { Length: > 1000 })
            return CommandResult<ConsentView>.Refused(nameof(ConsentWithdrawalInput.Reason), "Validation.TooLong");
        if (consent.Withdraw(on, user.RequiredId, access.Now, input.Reason, access.Today) is { } error)
            return CommandResult<ConsentView>.Refused(error == "Consent.AlreadyWithdrawn" ? "" : nameof(ConsentWithdrawalInput.WithdrawnOn), error);
        access.Record(@case, "consent.withdraw", consent.Id);
        // The receiving organisations lose what was shared under this consent, in this same save.
        await Referrals.ReferralConsent.WithdrawnAsync(db, @case.Id, consent.Id, access.Now, ct);
        // Nodes abroad that received the person's data under it are asked to erase it, in this same save.
        await transnational.WithdrawnAsync(@case, consent.Id, ct);
        await db.SaveChangesAsync(ct);
        return CommandResult<ConsentView>.Done((await ViewsAsync(@case.Id, ct)).Single(v => v.Id == consent.Id));
    }

    /// <summary>Organisations a consent can name: the active ones of the node, the case's own excepted.</summary>
    public Task<List<ConsentOrganisationView>> OrganisationChoicesAsync(CancellationToken ct)
    {
        var own = user.OrganisationId ?? Guid.Empty;
        return db.Organisations.AsNoTracking().Where(o => o.IsActive && o.Id != own)
            .OrderBy(o => o.CountryCode).ThenBy(o => o.Name)
            .Select(o => new ConsentOrganisationView(o.Id, o.Name, o.CountryCode)).ToListAsync(ct);
    }

    private async Task<List<RuleError>> CheckAsync(ConsentInput input, bool isChild, DateOnly openedOn, CancellationToken ct)
    {
        var errors = new List<RuleError>();
        if (input.Purposes.Count == 0)
            errors.Add(new(nameof(ConsentInput.Purposes), "Consent.PurposeRequired"));
        else if (!input.Purposes.All(PersonRules.IsValue<ConsentPurpose>))
            errors.Add(new(nameof(ConsentInput.Purposes), "Consent.UnknownPurpose"));
        if (!input.SharedWithOrganisationTypes.All(PersonRules.IsValue<OrganisationType>))
            errors.Add(new(nameof(ConsentInput.SharedWithOrganisationTypes), "Consent.UnknownOrganisationType"));
        if (input.SharedWithOrganisations.Count > 50)
            errors.Add(new(nameof(ConsentInput.SharedWithOrganisations), "Consent.UnknownOrganisation"));
        else if (input.SharedWithOrganisations.Count > 0)
        {
            var wanted = input.SharedWithOrganisations.Distinct().ToList();
            var known = await db.Organisations.CountAsync(o => wanted.Contains(o.Id) && o.IsActive, ct);
            if (known != wanted.Count)
                errors.Add(new(nameof(ConsentInput.SharedWithOrganisations), "Consent.UnknownOrganisation"));
        }
        if (!input.CrossBorderCountries.All(c => PersonRules.IsCountry(c?.Trim().ToUpperInvariant())) || input.CrossBorderCountries.Count > 50)
            errors.Add(new(nameof(ConsentInput.CrossBorderCountries), "Cases.Person.UnknownCountry"));
        if (input.RetentionMonths is < 1 or > 1200)
            errors.Add(new(nameof(ConsentInput.RetentionMonths), "Consent.RetentionInvalid"));
        // Informed consent: the checklist items the person must have been told.
        if (!input.DataUseExplained)
            errors.Add(new(nameof(ConsentInput.DataUseExplained), "Consent.MustBeInformed"));
        if (!input.RightOfAccessExplained)
            errors.Add(new(nameof(ConsentInput.RightOfAccessExplained), "Consent.MustBeInformed"));
        if (!input.WithdrawalExplained)
            errors.Add(new(nameof(ConsentInput.WithdrawalExplained), "Consent.MustBeInformed"));
        if (!PersonRules.IsValue<ConsentGiver>(input.GivenBy))
            errors.Add(new(nameof(ConsentInput.GivenBy), "Consent.UnknownGiver"));
        else if (isChild && input.GivenBy == nameof(ConsentGiver.Person))
            errors.Add(new(nameof(ConsentInput.GivenBy), "Consent.GuardianRequired"));
        else if (input.GivenBy != nameof(ConsentGiver.Person) && string.IsNullOrWhiteSpace(input.GiverName))
            errors.Add(new(nameof(ConsentInput.GiverName), "Consent.GiverNameRequired"));
        if (input.GivenOn is not { } given)
            errors.Add(new(nameof(ConsentInput.GivenOn), "Validation.Required"));
        else if (given > access.Today)
            errors.Add(new(nameof(ConsentInput.GivenOn), "Consent.DateInFuture"));
        else if (given < openedOn.AddDays(-DaysBeforeOpening))
            errors.Add(new(nameof(ConsentInput.GivenOn), "Consent.DateTooEarly"));
        return errors;
    }

    private async Task<List<ConsentView>> ViewsAsync(Guid caseId, CancellationToken ct)
    {
        var consents = await db.Consents.AsNoTracking().Where(c => c.CaseId == caseId)
            .OrderByDescending(c => c.GivenOn).ThenByDescending(c => c.RecordedAt).ToListAsync(ct);
        var organisationIds = consents.SelectMany(c => c.OrganisationList).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => new ConsentOrganisationView(o.Id, o.Name, o.CountryCode), ct);
        var names = await db.StaffNamesAsync(consents.SelectMany(c => new[] { c.TakenById, c.WithdrawnById }), ct);
        var today = access.Today;
        return [.. consents.Select(c => new ConsentView(
            c.Id, [.. c.PurposeList.Select(p => p.ToString())], [.. c.OrganisationList.Where(organisations.ContainsKey).Select(id => organisations[id])],
            [.. c.OrganisationTypeList.Select(t => t.ToString())], c.CountryList, c.ResearchUse, c.RetentionMonths,
            c.DataUseExplained, c.RightOfAccessExplained, c.WithdrawalExplained, c.GivenBy.ToString(), c.GiverName, c.GivenOn,
            names.GetValueOrDefault(c.TakenById, ""), c.RecordedAt, c.InForceOn(today), c.WithdrawnOn,
            c.WithdrawnById is { } w ? names.GetValueOrDefault(w, "") : null, c.WithdrawalReason))];
    }
}
