using Microsoft.EntityFrameworkCore;
using Ura.Platform.Data;

namespace Ura.Features.Cases;

/// <summary>The answer to "may we do this?": covered or not, by which consent, or why not (a resource key).</summary>
public sealed record ConsentCoverage(bool Covered, Guid? ConsentId, string? ReasonKey)
{
    public static ConsentCoverage By(Guid consentId) => new(true, consentId, null);

    public static ConsentCoverage Not(string reasonKey) => new(false, null, reasonKey);
}

/// <summary>
/// The one place other features (referrals, federation, reports) ask whether the person's consent
/// allows an action on a given date. A consent covers it when it was given on or before that date,
/// was not withdrawn on or before it, and names what is asked: the organisation (by id or by its
/// type), the country for data leaving the case's country, research use, and the purpose if one is given.
/// Withdrawal is final, so a withdrawn consent never covers anything from its withdrawal date on.
/// </summary>
/// <remarks>
/// It answers yes or no and shows no content, so it does not scope by the signed-in user: callers
/// have already loaded the case through <see cref="CaseAccess"/> (or hold it for the federation).
/// Pass the date the action happens, normally <see cref="CaseAccess.Today"/>.
/// </remarks>
public sealed class ConsentCheck(UraDbContext db)
{
    public async Task<ConsentCoverage> CoversAsync(Guid caseId, ConsentUse use, Guid? organisationId, string? countryCode, DateOnly on,
        ConsentPurpose? purpose = null, CancellationToken ct = default)
    {
        var owner = await db.Cases.Where(c => c.Id == caseId)
            .Select(c => new { c.OrganisationId, Country = db.Organisations.Where(o => o.Id == c.OrganisationId).Select(o => o.CountryCode).First() })
            .SingleOrDefaultAsync(ct);
        if (owner is null)
            return ConsentCoverage.Not("Consent.NotCovered.NoConsent");

        string? targetCountry = countryCode?.Trim().ToUpperInvariant();
        Platform.Identity.OrganisationType? targetType = null;
        if (use == ConsentUse.ShareWithOrganisation)
        {
            var target = organisationId is { } id
                ? await db.Organisations.Where(o => o.Id == id).Select(o => new { o.Type, o.CountryCode }).SingleOrDefaultAsync(ct)
                : null;
            if (target is null)
                return ConsentCoverage.Not("Consent.NotCovered.UnknownOrganisation");
            targetType = target.Type;
            targetCountry = target.CountryCode;
        }
        else if (use == ConsentUse.ShareAcrossBorder && string.IsNullOrEmpty(targetCountry))
            return ConsentCoverage.Not("Consent.NotCovered.UnknownCountry");

        var consents = await db.Consents.AsNoTracking().Where(c => c.CaseId == caseId).OrderByDescending(c => c.GivenOn).ToListAsync(ct);
        if (consents.Count == 0)
            return ConsentCoverage.Not("Consent.NotCovered.NoConsent");
        var inForce = consents.Where(c => c.InForceOn(on)).ToList();
        if (inForce.Count == 0)
            return ConsentCoverage.Not(consents.Any(c => c.GivenOn <= on && c.IsWithdrawn) ? "Consent.NotCovered.Withdrawn" : "Consent.NotCovered.NoConsent");

        var crossesBorder = use == ConsentUse.ShareAcrossBorder || (use == ConsentUse.ShareWithOrganisation && targetCountry != owner.Country);
        foreach (var consent in inForce)
        {
            if (purpose is { } p && !consent.PurposeList.Contains(p))
                continue;
            var allowed = use switch
            {
                ConsentUse.Research => consent.ResearchUse,
                ConsentUse.ShareAcrossBorder => consent.CountryList.Contains(targetCountry!),
                _ => (consent.OrganisationList.Contains(organisationId!.Value) || consent.OrganisationTypeList.Contains(targetType!.Value))
                     && (!crossesBorder || consent.CountryList.Contains(targetCountry!)),
            };
            if (allowed)
                return ConsentCoverage.By(consent.Id);
        }
        return ConsentCoverage.Not("Consent.NotCovered.NotIncluded");
    }
}
