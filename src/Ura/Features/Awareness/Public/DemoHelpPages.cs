using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Data;

namespace Ura.Features.Awareness.Public;

/// <summary>
/// Demo help pages: every topic for every demo country in every language, published (written by the country's
/// outreach officer, approved by its national coordinator). Emergency numbers are the real national ones;
/// hotline numbers are demo numbers, marked as such, to be replaced by the real hotline before use.
/// </summary>
public sealed class DemoHelpPages(UraDbContext db)
{
    /// <summary>Police and ambulance numbers per country; 112 works everywhere from a mobile phone.</summary>
    public static readonly IReadOnlyDictionary<string, (string Police, string Ambulance)> Numbers = new Dictionary<string, (string, string)>
    {
        ["AL"] = ("129", "127"),
        ["XK"] = ("192", "194"),
        ["MK"] = ("192", "194"),
        ["ME"] = ("122", "124"),
        ["RS"] = ("192", "194"),
        ["BA"] = ("122", "124"),
    };

    public const string DemoHotline = "0800 00 000";

    public async Task<int> SeedAsync(DateTime now, CancellationToken ct)
    {
        if (await db.HelpPages.AnyAsync(ct))
            return 0;
        var added = 0;
        foreach (var (code, _) in DemoData.Countries)
        {
            var author = await UserIdAsync(DemoData.EmailOf("outreach", code), ct);
            var reviewer = await UserIdAsync(DemoData.EmailOf("coordinator", code), ct);
            if (author is null || reviewer is null)
                continue;
            var (police, ambulance) = Numbers[code];
            foreach (var ((language, topic), (title, body)) in Texts)
            {
                var page = new HelpPage { CountryCode = code, Language = language, Topic = topic, CreatedAt = now };
                page.Versions.Add(new HelpPageVersion
                {
                    HelpPageId = page.Id,
                    Number = 1,
                    Title = title,
                    Body = body.Replace("{P}", police, StringComparison.Ordinal).Replace("{A}", ambulance, StringComparison.Ordinal)
                        .Replace("{H}", DemoHotline, StringComparison.Ordinal).Replace("{HT}", DemoHotline.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal),
                    Status = HelpVersionStatus.Published,
                    AuthorId = author.Value,
                    CreatedAt = now.AddDays(-14),
                    UpdatedAt = now.AddDays(-10),
                    SubmittedAt = now.AddDays(-10),
                    ReviewerId = reviewer.Value,
                    ReviewedAt = now.AddDays(-9),
                    PublishedAt = now.AddDays(-9),
                });
                db.HelpPages.Add(page);
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    private Task<Guid?> UserIdAsync(string email, CancellationToken ct) =>
        db.Users.Where(u => u.Email == email).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);

    private static readonly Dictionary<(string Language, HelpTopic Topic), (string Title, string Body)> Texts = new()
    {
        [("en", HelpTopic.WhatIsTrafficking)] = ("What is human trafficking?", """
            Human trafficking means that someone recruits, moves or keeps a person in order to **exploit** them:
            forced work, sexual exploitation, forced begging or crime, forced marriage.

            Traffickers use deception, threats, debts, violence or a person's difficult situation.
            It can happen inside the country, to adults and to children, to women and to men.

            It is never your fault. You can get help, even if you agreed to the job or the trip at first.
            """),
        [("sq", HelpTopic.WhatIsTrafficking)] = ("Çfarë është trafikimi i qenieve njerëzore?", """
            Trafikim do të thotë që dikush rekruton, zhvendos ose mban një person për ta **shfrytëzuar**:
            punë e detyruar, shfrytëzim seksual, lypje ose vepra penale me detyrim, martesë e detyruar.

            Trafikantët përdorin mashtrimin, kërcënimet, borxhet, dhunën ose gjendjen e vështirë të personit.
            Mund të ndodhë edhe brenda vendit, me të rritur dhe me fëmijë, me gra dhe me burra.

            Nuk është kurrë faji juaj. Mund të merrni ndihmë, edhe nëse në fillim e pranuat punën ose udhëtimin.
            """),
        [("mk", HelpTopic.WhatIsTrafficking)] = ("Што е трговија со луѓе?", """
            Трговија со луѓе значи дека некој врбува, пренесува или држи личност за да ја **експлоатира**:
            присилна работа, сексуална експлоатација, присилно питачење или криминал, присилен брак.

            Трговците користат измама, закани, долгови, насилство или тешката состојба на личноста.
            Може да се случи и во земјата, на возрасни и на деца, на жени и на мажи.

            Никогаш не сте вие виновни. Може да добиете помош, дури и ако на почетокот сте се согласиле на работата или патувањето.
            """),
        [("sr-Latn", HelpTopic.WhatIsTrafficking)] = ("Šta je trgovina ljudima?", """
            Trgovina ljudima znači da neko vrbuje, premešta ili drži osobu da bi je **iskorišćavao**:
            prinudni rad, seksualno iskorišćavanje, prinudno prosjačenje ili kriminal, prinudni brak.

            Trgovci koriste prevaru, pretnje, dugove, nasilje ili tešku situaciju osobe.
            Može da se desi i u zemlji, odraslima i deci, ženama i muškarcima.

            Nikada nije vaša krivica. Možete dobiti pomoć, čak i ako ste u početku pristali na posao ili put.
            """),

        [("en", HelpTopic.WarningSigns)] = ("Warning signs", """
            ## In a job offer

            - The pay is much higher than usual for easy work, and nobody asks about your skills.
            - You get no written contract, or one in a language you do not read.
            - Someone else pays your travel and says you will pay it back from your wages.
            - They want to keep your passport or identity card.

            ## In a relationship

            - A new partner quickly promises marriage or a better life abroad.
            - They cut you off from your family and friends and control your phone and money.
            - They ask you to do things you do not want "to help them with a debt".

            If something feels wrong, talk to someone you trust or call the hotline before you go.
            """),
        [("sq", HelpTopic.WarningSigns)] = ("Shenjat paralajmëruese", """
            ## Në një ofertë pune

            - Paga është shumë më e lartë se zakonisht për punë të lehtë dhe askush nuk pyet për aftësitë tuaja.
            - Nuk merrni kontratë me shkrim, ose merrni një në gjuhë që nuk e lexoni.
            - Dikush tjetër ju paguan udhëtimin dhe thotë se do ta ktheni nga paga.
            - Duan t'ju mbajnë pasaportën ose letërnjoftimin.

            ## Në një lidhje

            - Një partner i ri ju premton shpejt martesë ose jetë më të mirë jashtë vendit.
            - Ju largon nga familja dhe miqtë dhe kontrollon telefonin dhe paratë tuaja.
            - Ju kërkon të bëni gjëra që nuk i doni "për ta ndihmuar me një borxh".

            Nëse diçka nuk duket në rregull, flisni me dikë që i besoni ose telefononi linjën e ndihmës para se të nisheni.
            """),
        [("mk", HelpTopic.WarningSigns)] = ("Знаци за предупредување", """
            ## Во понуда за работа

            - Платата е многу повисока од вообичаено за лесна работа и никој не прашува што знаете да работите.
            - Не добивате писмен договор, или добивате на јазик што не го читате.
            - Некој друг ви го плаќа патот и вели дека ќе го вратите од платата.
            - Сакаат да ви го чуваат пасошот или личната карта.

            ## Во врска

            - Нов партнер брзо ви ветува брак или подобар живот во странство.
            - Ве одвојува од семејството и пријателите и ги контролира вашиот телефон и пари.
            - Бара да правите работи што не сакате „за да му помогнете со долг“.

            Ако нешто не ви изгледа во ред, разговарајте со некого на кого му верувате или јавете се на линијата за помош пред да тргнете.
            """),
        [("sr-Latn", HelpTopic.WarningSigns)] = ("Znaci upozorenja", """
            ## U ponudi za posao

            - Plata je mnogo veća nego obično za lak posao i niko ne pita šta znate da radite.
            - Ne dobijate pisani ugovor, ili dobijate ugovor na jeziku koji ne čitate.
            - Neko drugi vam plaća put i kaže da ćete ga vratiti od plate.
            - Žele da vam zadrže pasoš ili ličnu kartu.

            ## U vezi

            - Novi partner brzo obećava brak ili bolji život u inostranstvu.
            - Odvaja vas od porodice i prijatelja i kontroliše vaš telefon i novac.
            - Traži da radite stvari koje ne želite „da biste mu pomogli oko duga“.

            Ako vam nešto ne izgleda u redu, razgovarajte sa nekim kome verujete ili pozovite liniju za pomoć pre nego što krenete.
            """),

        [("en", HelpTopic.SafeMigration)] = ("Working abroad safely", """
            - Check that the employment agency is licensed: ask the employment office before you sign.
            - Get a written contract in a language you understand, with pay, hours and housing. Keep a copy.
            - Keep your passport and documents yourself. Leave copies and the address where you will live with your family.
            - Agree on a way to stay in touch with someone at home, and a word that means "I need help".
            - Learn the emergency number of the country you go to (112 in the European Union) and your embassy's number.

            Before you leave, you can call the hotline to check an offer: **{H}** (demo number).
            """),
        [("sq", HelpTopic.SafeMigration)] = ("Të punosh jashtë vendit në mënyrë të sigurt", """
            - Verifikoni që agjencia e punësimit ka licencë: pyesni zyrën e punësimit para se të nënshkruani.
            - Merrni kontratë me shkrim në një gjuhë që e kuptoni, me pagën, orarin dhe banimin. Mbani një kopje.
            - Pasaportën dhe dokumentet mbajini vetë. Lini kopje dhe adresën ku do të jetoni te familja.
            - Bini dakord për një mënyrë për të mbajtur lidhje me dikë në shtëpi, dhe për një fjalë që do të thotë "kam nevojë për ndihmë".
            - Mësoni numrin e urgjencës së vendit ku shkoni (112 në Bashkimin Evropian) dhe numrin e ambasadës suaj.

            Para se të niseni, mund të telefononi linjën e ndihmës për të verifikuar një ofertë: **{H}** (numër demo).
            """),
        [("mk", HelpTopic.SafeMigration)] = ("Безбедно работење во странство", """
            - Проверете дали агенцијата за вработување има лиценца: прашајте во агенцијата за вработување пред да потпишете.
            - Земете писмен договор на јазик што го разбирате, со плата, работно време и сместување. Чувајте копија.
            - Пасошот и документите чувајте ги сами. Оставете копии и адресата каде ќе живеете кај семејството.
            - Договорете начин да бидете во контакт со некого дома и збор што значи „ми треба помош“.
            - Научете го бројот за итни случаи на земјата каде одите (112 во Европската Унија) и бројот на вашата амбасада.

            Пред да тргнете, може да се јавите на линијата за помош за да проверите понуда: **{H}** (демо број).
            """),
        [("sr-Latn", HelpTopic.SafeMigration)] = ("Bezbedan rad u inostranstvu", """
            - Proverite da li agencija za zapošljavanje ima licencu: pitajte službu za zapošljavanje pre nego što potpišete.
            - Uzmite pisani ugovor na jeziku koji razumete, sa platom, radnim vremenom i smeštajem. Čuvajte kopiju.
            - Pasoš i dokumente čuvajte sami. Ostavite kopije i adresu gde ćete živeti porodici.
            - Dogovorite način da budete u kontaktu sa nekim kod kuće i reč koja znači „treba mi pomoć“.
            - Naučite broj za hitne slučajeve zemlje u koju idete (112 u Evropskoj uniji) i broj vaše ambasade.

            Pre nego što krenete, možete pozvati liniju za pomoć da proverite ponudu: **{H}** (demo broj).
            """),

        [("en", HelpTopic.YourRights)] = ("Your rights", """
            - **Help without conditions.** You get shelter, medical care, psychological and legal help whether or not you talk to the police.
            - **Time to decide.** A presumed victim gets a reflection period to recover and decide calmly what to do next.
            - **No punishment** for things you were forced to do while you were trafficked, such as using false documents or illegal work.
            - **Privacy.** Your name and story are kept confidential and shared only with your consent or where the law requires it.
            - **Interpreter and information** in a language you understand, and help to return home safely if you want to.
            """),
        [("sq", HelpTopic.YourRights)] = ("Të drejtat tuaja", """
            - **Ndihmë pa kushte.** Merrni strehim, kujdes mjekësor, ndihmë psikologjike dhe ligjore, qoftë edhe nëse nuk flisni me policinë.
            - **Kohë për të vendosur.** Viktima e mundshme merr një periudhë reflektimi për t'u rimëkëmbur dhe për të vendosur me qetësi.
            - **Asnjë dënim** për gjërat që u detyruat të bëni gjatë trafikimit, si përdorimi i dokumenteve të rreme ose puna e paligjshme.
            - **Privatësi.** Emri dhe historia juaj mbahen konfidenciale dhe ndahen vetëm me pëlqimin tuaj ose kur e kërkon ligji.
            - **Përkthyes dhe informacion** në një gjuhë që e kuptoni, dhe ndihmë për t'u kthyer të sigurt në shtëpi nëse e dëshironi.
            """),
        [("mk", HelpTopic.YourRights)] = ("Вашите права", """
            - **Помош без услови.** Добивате засолниште, медицинска, психолошка и правна помош, без разлика дали зборувате со полицијата.
            - **Време за одлука.** Претпоставената жртва добива период за размислување за да закрепне и мирно да одлучи што понатаму.
            - **Без казна** за она што сте биле присилени да го правите додека сте биле жртва на трговија, како лажни документи или нелегална работа.
            - **Приватност.** Вашето име и приказна се доверливи и се споделуваат само со ваша согласност или кога тоа го бара законот.
            - **Преведувач и информации** на јазик што го разбирате, и помош за безбедно враќање дома ако сакате.
            """),
        [("sr-Latn", HelpTopic.YourRights)] = ("Vaša prava", """
            - **Pomoć bez uslova.** Dobijate smeštaj, medicinsku, psihološku i pravnu pomoć bez obzira na to da li razgovarate sa policijom.
            - **Vreme za odluku.** Pretpostavljena žrtva dobija period oporavka i razmišljanja da se oporavi i mirno odluči šta dalje.
            - **Bez kazne** za ono što ste bili primorani da radite dok ste bili žrtva trgovine, kao što su lažni dokumenti ili rad na crno.
            - **Privatnost.** Vaše ime i priča su poverljivi i dele se samo uz vaš pristanak ili kada to zakon zahteva.
            - **Prevodilac i informacije** na jeziku koji razumete, i pomoć da se bezbedno vratite kući ako to želite.
            """),

        [("en", HelpTopic.GetHelp)] = ("Get help now", """
            **In danger now? Call [112](tel:112).**

            - Police: [{P}](tel:{P})
            - Ambulance: [{A}](tel:{A})
            - Anti-trafficking hotline, free and confidential: [{H}](tel:{HT}) (demo number)

            You do not have to give your name. You can also ask for help in writing with the request form, or see the list of services.
            """),
        [("sq", HelpTopic.GetHelp)] = ("Merr ndihmë tani", """
            **Në rrezik tani? Telefononi [112](tel:112).**

            - Policia: [{P}](tel:{P})
            - Ambulanca: [{A}](tel:{A})
            - Linja kundër trafikimit, falas dhe konfidenciale: [{H}](tel:{HT}) (numër demo)

            Nuk keni nevojë të jepni emrin tuaj. Mund të kërkoni ndihmë edhe me shkrim me formularin e kërkesës, ose shihni listën e shërbimeve.
            """),
        [("mk", HelpTopic.GetHelp)] = ("Побарај помош сега", """
            **Во опасност сте сега? Јавете се на [112](tel:112).**

            - Полиција: [{P}](tel:{P})
            - Брза помош: [{A}](tel:{A})
            - Линија против трговија со луѓе, бесплатна и доверлива: [{H}](tel:{HT}) (демо број)

            Не мора да го кажете своето име. Може да побарате помош и писмено преку формуларот за барање, или погледнете го списокот на услуги.
            """),
        [("sr-Latn", HelpTopic.GetHelp)] = ("Potražite pomoć odmah", """
            **U opasnosti ste sada? Pozovite [112](tel:112).**

            - Policija: [{P}](tel:{P})
            - Hitna pomoć: [{A}](tel:{A})
            - Linija protiv trgovine ljudima, besplatna i poverljiva: [{H}](tel:{HT}) (demo broj)

            Ne morate da kažete svoje ime. Pomoć možete zatražiti i pismeno preko formulara za zahtev, ili pogledajte spisak službi.
            """),
    };
}
