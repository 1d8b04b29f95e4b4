using System.Globalization;
using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Platform.Data;

namespace Ura.Features.Reports.Exports;

/// <summary>A produced file, with what the run records of it.</summary>
public sealed record ExportFile(byte[] Content, string FileName, string ContentType, int CaseCount, KAnonymityResult? Verification);

/// <summary>
/// The CTDC file of a country: the cases of its organisations that are possible or identified victims
/// and whose person agreed (consent in force) to research and statistical use, generalised to k.
/// </summary>
public sealed class CtdcExport(UraDbContext db)
{
    private const int Batch = 500;

    public async Task<ExportFile> ProduceAsync(ExportRun run, int k, DateOnly today, Func<int, Task> progress, CancellationToken ct)
    {
        var ids = await db.Cases.AsNoTracking()
            .Where(c => db.Organisations.Any(o => o.Id == c.OrganisationId && o.CountryCode == run.CountryCode)
                && c.TraffickingStatus != TraffickingStatus.NotAVictimOfTrafficking
                && db.Consents.Any(s => s.CaseId == c.Id && s.ResearchUse && s.GivenOn <= today && (s.WithdrawnOn == null || s.WithdrawnOn > today)))
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        var cases = new List<CtdcCase>(ids.Count);
        for (var done = 0; done < ids.Count; done += Batch)
        {
            var chunk = ids.Skip(done).Take(Batch).ToList();
            var heads = await db.Cases.AsNoTracking().Where(c => chunk.Contains(c.Id))
                .Select(c => new { c.Id, c.OpenedAt, c.Person!.Gender, c.Person.BirthDate, c.Person.IsChild, c.Person.Citizenships })
                .ToListAsync(ct);
            var codes = (await db.ExploitationCodes.AsNoTracking().Where(x => chunk.Contains(x.CaseId)).Select(x => new { x.CaseId, x.Kind, x.Code }).ToListAsync(ct))
                .ToLookup(x => x.CaseId);
            var details = await db.CaseExploitations.AsNoTracking().Where(x => chunk.Contains(x.CaseId))
                .ToDictionaryAsync(x => x.CaseId, ct);
            var exploited = (await db.TraffickingEvents.AsNoTracking().Where(e => chunk.Contains(e.CaseId) && e.Type == TraffickingEventType.Exploitation)
                .Select(e => new { e.CaseId, e.Country, e.StartedOn }).ToListAsync(ct))
                .ToLookup(e => e.CaseId);
            foreach (var h in heads)
            {
                HashSet<string> Of(ExploitationCodeKind kind) => [.. codes[h.Id].Where(x => x.Kind == kind).Select(x => x.Code)];
                details.TryGetValue(h.Id, out var detail);
                // The last country of exploitation, as CTDC defines it.
                var country = exploited[h.Id].OrderBy(e => e.StartedOn ?? DateOnly.MinValue).Select(e => e.Country).LastOrDefault();
                cases.Add(new CtdcCase(h.OpenedAt.Year, h.Gender, AgeAt(h.BirthDate, h.OpenedAt), h.IsChild,
                    h.Citizenships.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(), country,
                    Of(ExploitationCodeKind.TypeOfExploitation), Of(ExploitationCodeKind.TypeOfSexExploitation), detail?.ForcedLabourIndustry,
                    Of(ExploitationCodeKind.MethodOfControl), detail?.RelationshipToTrafficker));
            }
            await progress(5 + 60 * Math.Min(ids.Count, done + Batch) / Math.Max(1, ids.Count));
        }
        var rows = CtdcDataset.Build(cases, k);
        await progress(80);
        var content = CtdcDataset.ToCsv(rows);
        // The check reads the file back on its own: only a file that passes it can be downloaded.
        var verification = KAnonymityCheck.Verify(content, CtdcDataset.Columns, k);
        await progress(95);
        return new ExportFile(content, $"ctdc-{run.CountryCode.ToLowerInvariant()}-{today:yyyyMMdd}.csv", "text/csv", rows.Count, verification);
    }

    /// <summary>Age in whole years at <paramref name="at"/> from an ISO birth date or a birth year (then counted from 1 July).</summary>
    public static int? AgeAt(string birthDate, DateTime at)
    {
        DateOnly born;
        if (DateOnly.TryParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
            born = exact;
        else if (int.TryParse(birthDate, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is > 1900 and < 2200)
            born = new DateOnly(year, 7, 1);
        else
            return null;
        var on = DateOnly.FromDateTime(at);
        var age = on.Year - born.Year - (on < born.AddYears(on.Year - born.Year) ? 1 : 0);
        return age < 0 ? null : age;
    }
}

/// <summary>
/// The organisation's own cases in HTCDS 2.0 for data portability: a zip with one CSV per entity (person,
/// victim, case, historic trafficking event, support plan, consent), columns named as the standard names
/// its fields, rows joined by a <c>case_id</c> column. Personal fields are decrypted by the usual accessors.
/// </summary>
public sealed class HtcdsExport(UraDbContext db)
{
    private const int Batch = 200;

    public async Task<ExportFile> ProduceAsync(ExportRun run, DateOnly today, Func<int, Task> progress, CancellationToken ct)
    {
        var ids = await db.Cases.AsNoTracking().Where(c => c.OrganisationId == run.OrganisationId).OrderBy(c => c.OpenedAt).ThenBy(c => c.Id)
            .Select(c => c.Id).ToListAsync(ct);
        string[] personHeader = ["case_id", "prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_Gender", "prs_MaritalStatus", "prs_NumberOfChildren",
            "prs_PrimaryLanguage", "prs_SecondaryLanguage", "prs_HighestLevelOfEducation", "prs_Citizenship", "prs_IdentityNumber", "prs_Email",
            "prs_MobilePhone", "prs_MailingStreet"];
        string[] victimHeader = ["case_id", "vic_TraffickingStatus", "vic_RelationshipToTrafficker", "vic_MethodOfRecruitment", "vic_MethodsOfControl",
            "vic_TypeOfExploitation", "vic_ForcedLabourIndustry", "vic_TypeOfSexExploitation", "vic_LocationOfExploitation"];
        string[] caseHeader = ["case_id", "reference", "opened_at", "cas_Status", "cas_ReasonForCaseClosure", "cas_CaseOwner"];
        string[] eventHeader = ["case_id", "hte_Type", "hte_Country", "hte_City", "hte_Date", "hte_Description"];
        string[] planHeader = ["case_id", "spl_Type", "spl_Objectives", "spl_ActionPlan", "spl_PlannedEndDate", "spl_ActualEndDate"];
        string[] consentHeader = ["case_id", "con_Consent", "given_on", "withdrawn_on"];
        List<string[]> persons = [], victims = [], caseRows = [], events = [], plans = [], consents = [];
        static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        var owners = await db.Users.AsNoTracking().Where(u => u.OrganisationId == run.OrganisationId).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        for (var done = 0; done < ids.Count; done += Batch)
        {
            var chunk = ids.Skip(done).Take(Batch).ToList();
            var list = await db.Cases.AsNoTracking().Where(c => chunk.Contains(c.Id)).Include(c => c.Person!).ThenInclude(p => p.Documents)
                .AsSplitQuery().ToListAsync(ct);
            var codes = (await db.ExploitationCodes.AsNoTracking().Where(x => chunk.Contains(x.CaseId)).ToListAsync(ct)).ToLookup(x => x.CaseId);
            var details = await db.CaseExploitations.AsNoTracking().Where(x => chunk.Contains(x.CaseId)).ToDictionaryAsync(x => x.CaseId, ct);
            var hte = (await db.TraffickingEvents.AsNoTracking().Where(x => chunk.Contains(x.CaseId)).ToListAsync(ct)).ToLookup(x => x.CaseId);
            var goals = (await db.PlanGoals.AsNoTracking().Where(x => chunk.Contains(x.CaseId)).ToListAsync(ct)).ToLookup(x => x.CaseId);
            var given = (await db.Consents.AsNoTracking().Where(x => chunk.Contains(x.CaseId)).ToListAsync(ct)).ToLookup(x => x.CaseId);
            foreach (var c in list.OrderBy(c => ids.IndexOf(c.Id)))
            {
                var id = c.Id.ToString();
                string Codes(ExploitationCodeKind kind) => string.Join(";", codes[c.Id].Where(x => x.Kind == kind).Select(x => x.Code).Order(StringComparer.Ordinal));
                if (c.Person is { } p)
                {
                    var languages = p.LanguageList.ToList();
                    persons.Add([id, p.GivenNames, p.FamilyName, p.BirthDate, p.Gender.ToString(), p.MaritalStatus?.ToString() ?? "",
                        p.NumberOfChildren?.ToString(CultureInfo.InvariantCulture) ?? "", languages.ElementAtOrDefault(0) ?? "",
                        string.Join(";", languages.Skip(1)), p.EducationLevel?.ToString() ?? "", string.Join(";", p.CitizenshipList),
                        string.Join(";", p.Documents.Select(d => $"{d.Type}:{d.IssuingCountry}:{d.Number}")), p.Email ?? "", p.Phone ?? "", p.Address ?? ""]);
                }
                details.TryGetValue(c.Id, out var detail);
                victims.Add([id, c.TraffickingStatus.ToString(), detail?.RelationshipToTrafficker?.ToString() ?? "", Codes(ExploitationCodeKind.MethodOfRecruitment),
                    Codes(ExploitationCodeKind.MethodOfControl), Codes(ExploitationCodeKind.TypeOfExploitation), detail?.ForcedLabourIndustry?.ToString() ?? "",
                    Codes(ExploitationCodeKind.TypeOfSexExploitation),
                    string.Join(";", hte[c.Id].Where(e => e.Type == TraffickingEventType.Exploitation).Select(e => e.Country).Distinct())]);
                caseRows.Add([id, c.Reference, c.OpenedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), c.Status.ToString(),
                    c.ClosureReason?.ToString() ?? "", c.SupervisorId is { } sup && owners.TryGetValue(sup, out var owner) ? owner : ""]);
                foreach (var e in hte[c.Id].OrderBy(e => e.StartedOn))
                    events.Add([id, e.Type.ToString(), e.Country, e.Place ?? "", D(e.StartedOn), e.Description ?? ""]);
                foreach (var g in goals[c.Id])
                    plans.Add([id, g.Type.ToString(), g.Objective, g.Actions ?? "", D(g.PlannedEndOn), D(g.ActualEndOn)]);
                foreach (var s in given[c.Id].OrderBy(s => s.GivenOn))
                    consents.Add([id, s.InForceOn(today) ? "true" : "false", D(s.GivenOn), D(s.WithdrawnOn)]);
            }
            await progress(5 + 80 * Math.Min(ids.Count, done + Batch) / Math.Max(1, ids.Count));
        }

        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string[] header, List<string[]> rows)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(Csv.Write(header, rows));
            }
            Add("person.csv", personHeader, persons);
            Add("victim.csv", victimHeader, victims);
            Add("case.csv", caseHeader, caseRows);
            Add("historic_trafficking_event.csv", eventHeader, events);
            Add("support_plan.csv", planHeader, plans);
            Add("consent.csv", consentHeader, consents);
        }
        return new ExportFile(zipped.ToArray(), $"htcds-{today:yyyyMMdd}.zip", "application/zip", ids.Count, null);
    }
}
