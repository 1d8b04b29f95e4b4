using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;
using Ura.Platform.Data;

namespace Ura.Features.Cases;

/// <summary>A case as its team reads it.</summary>
public sealed record CaseView(
    Guid Id, string Reference, DateTime OpenedAt, CaseStatus Status, CaseStage Stage, TraffickingStatus TraffickingStatus,
    ClosureReason? ClosureRequested, PersonView Person);

public sealed record PersonView(
    string GivenNames, string FamilyName, IReadOnlyList<string> Aliases, string BirthDate, bool BirthDateEstimated,
    string Gender, string AgeBand, bool IsChild, IReadOnlyList<string> Citizenships, IReadOnlyList<string> Languages,
    string? EducationLevel, string? MaritalStatus, int? NumberOfChildren, string? Phone, string? Email, string? Address,
    string? GuardianName, string? GuardianRelation, string? GuardianContact, IReadOnlyList<DocumentView> Documents);

public sealed record DocumentView(string Type, string Number, string IssuingCountry);

/// <summary>What registration did: opened the case, refused with rule errors, or stopped at likely duplicates.</summary>
public sealed record RegistrationResult(CaseView? Opened, IReadOnlyList<RuleError> Errors, DuplicateReport? Duplicates = null)
{
    public bool Succeeded => Opened is not null;
}

/// <summary>Opens a case for a new person, and reads a case for its team.</summary>
public sealed class CaseRegistration(UraDbContext db, CurrentUser user, AuditLog audit, BlindIndex blind, DuplicateCheck duplicates, CaseAccess access,
    Identification.ScreeningCommands screenings)
{
    public const string NamePurpose = "person.name";
    public const string BirthYearPurpose = "person.birthyear";

    /// <summary>
    /// Registers the person and opens their case, with the worker on its team. Refuses when the rules
    /// fail, or when likely duplicates exist and the worker has not confirmed a different person.
    /// Opened from a screening (<paramref name="screeningId"/>), the case is linked to it: only the
    /// worker's own screening not yet linked to a case can be.
    /// </summary>
    public async Task<RegistrationResult> RegisterAsync(PersonInput input, CancellationToken ct, Guid? screeningId = null)
    {
        var now = access.Now;
        var today = access.Today;
        var errors = PersonRules.Check(input, today);
        if (errors.Count > 0)
            return new RegistrationResult(null, errors);
        if (!input.ConfirmedDifferentPerson)
        {
            var report = await duplicates.FindAsync(
                [input.GivenNames, input.FamilyName, .. input.Aliases], input.BirthDate?.Year ?? input.EstimatedBirthYear!.Value, Enum.Parse<Gender>(input.Gender), ct);
            if (report.Any)
                return new RegistrationResult(null, [new RuleError(nameof(PersonInput.ConfirmedDifferentPerson), "Cases.Person.PossibleDuplicate")], report);
        }

        var screening = screeningId is { } sid ? await screenings.LinkableAsync(sid, ct) : null;
        if (screeningId is not null && screening is null)
            return new RegistrationResult(null, [new RuleError("", "Screening.Link.NotYours")]);

        var organisationId = user.RequiredOrganisationId;
        var country = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.CountryCode).SingleAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var reference = await NextReferenceAsync(country, now.Year, ct);
        var @case = new Case { OrganisationId = organisationId, Reference = reference, OpenedAt = now, UpdatedAt = now };
        @case.Team.Add(new CaseTeamMember { UserId = user.RequiredId, AssignedAt = now });
        var person = new Person
        {
            OrganisationId = organisationId,
            CaseId = @case.Id,
            GivenNames = "",
            FamilyName = "",
            BirthDate = "",
            BirthYearHash = "",
            RegisteredAt = now,
        };
        Fill(person, input);
        @case.Person = person;
        db.Cases.Add(@case);
        access.Record(@case, "open");
        if (screening is not null)
            screenings.Link(screening, @case);
        audit.Record("person.register", nameof(Person), person.Id, $"case={@case.Id}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RegistrationResult(ToView(@case, person), []);
    }

    /// <summary>
    /// Writes checked input onto the person: fields, documents, the child flag and age band (as of
    /// registration), and the blind indexes of names and birth year, rebuilt from scratch.
    /// </summary>
    internal void Fill(Person person, PersonInput input)
    {
        var age = PersonRules.AgeOn(input.BirthDate, input.EstimatedBirthYear, DateOnly.FromDateTime(person.RegisteredAt));
        var birthYear = input.BirthDate?.Year ?? input.EstimatedBirthYear!.Value;
        var aliases = input.Aliases.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct().ToList();
        person.GivenNames = input.GivenNames.Trim();
        person.FamilyName = input.FamilyName.Trim();
        person.Aliases = aliases.Count > 0 ? string.Join('\n', aliases) : null;
        person.BirthDate = input.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? birthYear.ToString(System.Globalization.CultureInfo.InvariantCulture);
        person.BirthDateEstimated = input.BirthDate is null;
        person.BirthYearHash = blind.Of(BirthYearPurpose, birthYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        person.Gender = Enum.Parse<Gender>(input.Gender);
        person.AgeBand = PersonRules.BandOf(age);
        person.IsChild = PersonRules.IsChild(age);
        person.Citizenships = string.Join(',', input.Citizenships.Distinct());
        person.Languages = string.Join(',', input.Languages.Distinct());
        person.EducationLevel = string.IsNullOrEmpty(input.EducationLevel) ? null : Enum.Parse<EducationLevel>(input.EducationLevel);
        person.MaritalStatus = string.IsNullOrEmpty(input.MaritalStatus) ? null : Enum.Parse<MaritalStatus>(input.MaritalStatus);
        person.NumberOfChildren = input.NumberOfChildren;
        person.Phone = Clean(input.Phone);
        person.Email = Clean(input.Email);
        person.Address = Clean(input.Address);
        person.GuardianName = Clean(input.GuardianName);
        person.GuardianRelation = Clean(input.GuardianRelation);
        person.GuardianContact = Clean(input.GuardianContact);
        person.Documents.Clear();
        person.Documents.AddRange(input.Documents.Select(d => new IdentityDocument
        {
            Type = Enum.Parse<IdentityDocumentType>(d.Type),
            Number = d.Number.Trim(),
            IssuingCountry = d.IssuingCountry,
        }));
        // Hashes are keys: keep the unchanged ones rather than delete and insert the same key.
        var hashes = NameHashes(person.GivenNames, person.FamilyName, aliases).ToHashSet();
        person.NameIndex.RemoveAll(n => !hashes.Contains(n.Hash));
        foreach (var hash in hashes.Except(person.NameIndex.Select(n => n.Hash)).ToList())
            person.NameIndex.Add(new PersonNameIndex { OrganisationId = person.OrganisationId, Hash = hash });
    }

    /// <summary>The case with its person, if the user is on its team; the read is audited.</summary>
    public async Task<CaseView?> ReadAsync(Guid id, CancellationToken ct)
    {
        var found = await db.Cases.AsNoTracking().VisibleToCaseTeam(user)
            .Where(c => c.Id == id && c.Person != null)
            .Include(c => c.Person!).ThenInclude(p => p.Documents)
            .SingleOrDefaultAsync(ct);
        if (found is null)
            return null;
        await audit.ReadAsync(nameof(Case), found.Id, ct);
        return ToView(found, found.Person!);
    }

    /// <summary>Blind-index hashes of every word of the names and aliases, each once.</summary>
    public IEnumerable<string> NameHashes(string givenNames, string familyName, IEnumerable<string> aliases) =>
        new[] { givenNames, familyName }.Concat(aliases).SelectMany(n => blind.OfWords(NamePurpose, n)).Distinct();

    /// <summary>
    /// The next reference of the country and year, from one atomic upsert (same SQL on SQLite and
    /// PostgreSQL): concurrent registrations wait on the counter row, so no number is given twice.
    /// </summary>
    private async Task<string> NextReferenceAsync(string country, int year, CancellationToken ct)
    {
        var next = (await db.Database.SqlQuery<int>($"""
            INSERT INTO "CaseReferenceCounters" ("CountryCode", "Year", "Last") VALUES ({country}, {year}, 1)
            ON CONFLICT ("CountryCode", "Year") DO UPDATE SET "Last" = "CaseReferenceCounters"."Last" + 1
            RETURNING "Last" AS "Value"
            """).ToListAsync(ct)).Single();
        return $"{country}-{year}-{next:D6}";
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static CaseView ToView(Case c, Person p) => new(c.Id, c.Reference, c.OpenedAt, c.Status, c.Stage, c.TraffickingStatus,
        c.ClosureRequestedAt is null ? null : c.ClosureReason, new PersonView(
        p.GivenNames, p.FamilyName, p.Aliases?.Split('\n') ?? [], p.BirthDate, p.BirthDateEstimated,
        p.Gender.ToString(), p.AgeBand.ToString(), p.IsChild, [.. p.CitizenshipList], [.. p.LanguageList],
        p.EducationLevel?.ToString(), p.MaritalStatus?.ToString(), p.NumberOfChildren, p.Phone, p.Email, p.Address,
        p.GuardianName, p.GuardianRelation, p.GuardianContact,
        [.. p.Documents.Select(d => new DocumentView(d.Type.ToString(), d.Number, d.IssuingCountry))]));
}
