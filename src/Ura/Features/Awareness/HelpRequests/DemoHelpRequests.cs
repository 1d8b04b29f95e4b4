using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Data;

namespace Ura.Features.Awareness.HelpRequests;

/// <summary>
/// Demo help requests: each country's hotline NGO receives them, and its inbox holds four invented
/// requests, one in each language. DEMO ONLY: the stories are made up.
/// </summary>
public sealed class DemoHelpRequests(UraDbContext db)
{
    private static readonly (string Language, DangerNow Danger, int HoursAgo, string Account, string? Contact)[] Requests =
    [
        ("en", DangerNow.NotSure, 3,
            "A man offered me work in a restaurant abroad. Now he keeps my passport and says I owe him money for the trip. I work every day and I am not paid.",
            "Send a text message only, after 8 in the evening."),
        ("sq", DangerNow.Yes, 7,
            "Më premtuan punë si kameriere, por tani nuk më lënë të dal nga shtëpia. Ma morën telefonin. Po shkruaj nga telefoni i një shoqeje.",
            null),
        ("mk", DangerNow.No, 26,
            "Мојата сестра замина на сезонска работа пред два месеци. Не се јавува, а газдата не ни дава да зборуваме со неа. Се плашиме.",
            "Јавете се на мене, сестра ѝ, во секое време."),
        ("sr-Latn", DangerNow.NotSure, 50,
            "Radio sam na gradilištu u inostranstvu. Poslodavac nam je uzeo dokumente i ne plaća nas. Vratio sam se, ali ostali su još tamo.",
            "E-pošta: pomoc.demo@example.org"),
    ];

    /// <summary>Flags each country's hotline (the outreach officers' organisation) and adds requests to a demo without any.</summary>
    public async Task<int> SeedAsync(DateTime now, CancellationToken ct)
    {
        var outreachEmails = DemoData.Countries.Select(c => DemoData.EmailOf("outreach", c.Code).ToUpperInvariant()).ToList();
        var hotlineIds = await db.Users.Where(u => u.NormalizedEmail != null && outreachEmails.Contains(u.NormalizedEmail))
            .Select(u => u.OrganisationId).ToListAsync(ct);
        var hotlines = await db.Organisations.Where(o => hotlineIds.Contains(o.Id)).ToListAsync(ct);
        foreach (var hotline in hotlines)
            hotline.ReceivesHelpRequests = true;
        await db.SaveChangesAsync(ct);

        if (hotlines.Count == 0 || await db.HelpRequests.AnyAsync(ct))
            return 0;
        foreach (var country in hotlines.Select(h => h.CountryCode).Distinct())
            foreach (var (language, danger, hoursAgo, account, contact) in Requests)
                db.HelpRequests.Add(new HelpRequest
                {
                    CountryCode = country,
                    Language = language,
                    Account = account,
                    SafeContact = contact,
                    Danger = danger,
                    ReceivedAt = now.AddHours(-hoursAgo),
                });
        await db.SaveChangesAsync(ct);
        return hotlines.Select(h => h.CountryCode).Distinct().Count() * Requests.Length;
    }
}
