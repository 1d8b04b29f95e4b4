using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;
using Ura.Platform.Data;

namespace Ura.Features.Cases;

/// <summary>
/// A case note (HTCDS "case comments"): the worker's own words, encrypted. Notes are append-only:
/// never edited or deleted, so what the file said on a day stays what it said. A mistake is put
/// right by a new note that says so.
/// </summary>
public sealed class CaseNote : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Text { get; set; }
    public Guid AuthorId { get; set; }
    public DateTime WrittenAt { get; set; }
}

internal sealed class CaseNoteConfiguration : IEntityTypeConfiguration<CaseNote>
{
    public void Configure(EntityTypeBuilder<CaseNote> e)
    {
        e.Property(n => n.Text).IsEncrypted(FieldClass.FreeText);
        e.HasOne<Case>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Platform.Identity.User>().WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(n => new { n.CaseId, n.WrittenAt });
        e.HasIndex(n => n.AuthorId);
    }
}

public sealed record NoteInput(
    [property: Required(ErrorMessage = "Validation.Required"), StringLength(NoteRules.MaxLength, ErrorMessage = "Validation.TooLong")] string Text);

public sealed record NoteView(Guid Id, string Text, string Author, DateTime WrittenAt);

public static class NoteRules
{
    public const int MaxLength = 8000;
    public const int PageSize = 20;
}

/// <summary>Adds and lists a case's notes, for its team.</summary>
public sealed class CaseNotes(UraDbContext db, CaseAccess access, CurrentUser user)
{
    /// <summary>One page of notes, newest first; null when out of scope. The read is audited.</summary>
    public async Task<Paged<NoteView>?> ListAsync(Guid caseId, int page, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is not { } found)
            return null;
        return await ListForAsync(found, page, ct);
    }

    /// <summary>One page of the notes of a case the caller has already loaded through <see cref="CaseAccess"/>.</summary>
    public async Task<Paged<NoteView>> ListForAsync(Case scoped, int page, CancellationToken ct)
    {
        page = Paged<NoteView>.Clamp(page);
        var notes = db.CaseNotes.AsNoTracking().Where(n => n.CaseId == scoped.Id);
        var total = await notes.CountAsync(ct);
        var items = await notes.OrderByDescending(n => n.WrittenAt).ThenByDescending(n => n.Id)
            .Skip((page - 1) * NoteRules.PageSize).Take(NoteRules.PageSize)
            .Join(db.Users, n => n.AuthorId, u => u.Id, (n, u) => new { n.Id, n.Text, u.DisplayName, n.WrittenAt })
            .ToListAsync(ct);
        return new Paged<NoteView>([.. items.Select(n => new NoteView(n.Id, n.Text, n.DisplayName, n.WrittenAt))], page, NoteRules.PageSize, total);
    }

    public async Task<CommandResult<NoteView>> AddAsync(Guid caseId, string? text, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return CommandResult<NoteView>.NotFound();
        if (refusal is not null)
            return CommandResult<NoteView>.Refused(refusal);
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
            return CommandResult<NoteView>.Refused(nameof(NoteInput.Text), "Validation.Required");
        if (trimmed.Length > NoteRules.MaxLength)
            return CommandResult<NoteView>.Refused(nameof(NoteInput.Text), "Validation.TooLong");
        var note = new CaseNote { CaseId = @case.Id, OrganisationId = @case.OrganisationId, Text = trimmed, AuthorId = user.RequiredId, WrittenAt = access.Now };
        db.CaseNotes.Add(note);
        access.Record(@case, "note.add", note.Id);
        await db.SaveChangesAsync(ct);
        var author = await db.Users.Where(u => u.Id == note.AuthorId).Select(u => u.DisplayName).SingleAsync(ct);
        return CommandResult<NoteView>.Done(new NoteView(note.Id, note.Text, author, note.WrittenAt));
    }
}
