using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Data;

namespace Ura.Features.Cases;

/// <summary>Corrects or completes the person's details after registration, under the same rules.</summary>
public sealed class PersonEditing(UraDbContext db, CaseAccess access, CaseRegistration registration)
{
    public async Task<CommandResult<CaseView>> UpdateAsync(Guid caseId, PersonInput input, CancellationToken ct)
    {
        var (found, refusal) = await access.ForChangeAsync(caseId, ct);
        if (found is null)
            return CommandResult<CaseView>.NotFound();
        if (refusal is not null)
            return CommandResult<CaseView>.Refused(refusal);
        var errors = PersonRules.Check(input, access.Today);
        if (errors.Count > 0)
            return new CommandResult<CaseView>(null, errors);

        var person = await db.Persons.Include(p => p.Documents).Include(p => p.NameIndex).SingleAsync(p => p.CaseId == found.Id, ct);
        registration.Fill(person, input);
        // New documents carry their id already; left to discovery, EF would take them for existing rows.
        foreach (var document in person.Documents.Where(d => db.Entry(d).State == EntityState.Detached))
            db.Entry(document).State = EntityState.Added;
        access.Record(found, "person.update", person.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<CaseView>.Done(CaseRegistration.ToView(found, person));
    }
}
