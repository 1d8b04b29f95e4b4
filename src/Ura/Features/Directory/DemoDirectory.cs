using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Directory;

/// <summary>
/// The demo service directory: for every demo organisation in every country, the services such an
/// organisation offers in the region, written in the country's language, with languages, hours,
/// phones, contacts, eligibility, service areas, costs, documents and locations. The shelter NGO's
/// shelter is a confidential location with a bed capacity. DEMO ONLY. Deterministic: the same
/// services, with ids derived from country and key (<see cref="ServiceId"/>), on every run.
/// </summary>
public sealed class DemoDirectory(UraDbContext db)
{
    /// <summary>The id of a demo service, for tests and other demo data (<c>ServiceId("MK", "legal")</c>).</summary>
    public static Guid ServiceId(string countryCode, string key) => ServiceTaxonomy.IdFor($"demo-service:{countryCode}:{key}");

    /// <summary>The id of a demo organisation's location (<c>office</c>, <c>shelter</c>, <c>branch</c>, <c>online</c>).</summary>
    public static Guid LocationId(string countryCode, DemoData.OrgKind org, string key) => ServiceTaxonomy.IdFor($"demo-location:{countryCode}:{org}:{key}");

    private const string Everyone = "";
    private const string WomenAndGirls = "Feminine,TransgenderFeminine";
    private const string WeekDays = "MO,TU,WE,TH,FR";
    private const string EveryDay = "MO,TU,WE,TH,FR,SA,SU";

    /// <summary>What a demo service is, whatever the country; its words come from <see cref="Words"/>.</summary>
    private sealed record Template(
        string Key, DemoData.OrgKind Org, string[] Categories, string Location, int? MinimumAge = null, int? MaximumAge = null,
        string Genders = Everyone, bool AcceptsReferrals = true, ServiceStatus Status = ServiceStatus.Active, bool AllDay = false,
        string[]? ExtraLanguages = null, bool Beds = false, bool WholeCountry = true, string? Document = null);

    private static readonly Template[] Templates =
    [
        new("shelter", DemoData.OrgKind.Shelter, ["emergency-shelter", "safe-housing"], "shelter", Genders: WomenAndGirls, AllDay: true, ExtraLanguages: ["en"], Beds: true),
        new("counselling", DemoData.OrgKind.Shelter, ["psychological", "rehabilitation-sexual"], "office", MinimumAge: 14, ExtraLanguages: ["en"]),
        new("legal", DemoData.OrgKind.Shelter, ["legal-counselling", "legal-representation"], "office", ExtraLanguages: ["en"]),
        new("health", DemoData.OrgKind.Shelter, ["medical"], "office"),
        new("vocational", DemoData.OrgKind.Shelter, ["vocational-training", "employment"], "office", MinimumAge: 16, WholeCountry: false),
        new("social-care", DemoData.OrgKind.SocialServices, ["social-care", "financial"], "office", MinimumAge: 18, WholeCountry: false, Document: "id"),
        new("child-protection", DemoData.OrgKind.SocialServices, ["child-protection", "family-contact"], "branch", MaximumAge: 17, AllDay: true),
        new("day-centre", DemoData.OrgKind.SocialServices, ["education"], "branch", MinimumAge: 6, MaximumAge: 18, Status: ServiceStatus.TemporarilyClosed, WholeCountry: false),
        new("identification", DemoData.OrgKind.Police, ["identification"], "office", AllDay: true),
        new("helpline", DemoData.OrgKind.Hotline, ["hotline"], "online", AllDay: true, ExtraLanguages: ["en", "rom"], AcceptsReferrals: false),
        new("rights", DemoData.OrgKind.Hotline, ["rights-training"], "online", MinimumAge: 12),
        new("focal-point", DemoData.OrgKind.Coordinator, ["return", "family-contact"], "office", AcceptsReferrals: false, ExtraLanguages: ["en"]),
        new("return", DemoData.OrgKind.International, ["return", "transport"], "office", ExtraLanguages: ["en", "de", "it"], Document: "travel"),
        new("reintegration", DemoData.OrgKind.International, ["financial", "employment"], "office", MinimumAge: 18, ExtraLanguages: ["en"]),
        new("interpretation", DemoData.OrgKind.International, ["interpretation"], "office", ExtraLanguages: ["en", "tr", "de", "it", "ar"], Status: ServiceStatus.Inactive),
    ];

    /// <summary>A country's demo places and ways: language, cities, currency, telephone prefix, streets.</summary>
    private sealed record Place(
        string Language, string[] Spoken, string Capital, string CapitalRegion, string Town, string TownRegion,
        string Currency, string PhonePrefix, string[] Streets, string ShelterStreet, string PostalCode, string TownPostalCode, string WebDomain, string[] Contacts);

    private static readonly Dictionary<string, Place> Places = new()
    {
        ["AL"] = new("sq", ["sq", "it"], "Tiranë", "Qarku i Tiranës", "Durrës", "Qarku i Durrësit", "ALL", "+355 4 22",
            ["Rruga e Kavajës 112", "Bulevardi Zogu I 45", "Rruga Myslym Shyri 18", "Rruga e Durrësit 76", "Rruga Abdi Toptani 9", "Rruga Skënderbeu 14"], "Rruga Pjetër Budi 21",
            "1001", "2001", "al", ["Arjola Meta", "Klodiana Prifti", "Alban Hysa", "Eni Zeneli", "Fatos Laçi", "Sonila Xhafa"]),
        ["XK"] = new("sq", ["sq", "sr", "tr"], "Prishtinë", "Rajoni i Prishtinës", "Prizren", "Rajoni i Prizrenit", "EUR", "+383 38 22",
            ["Rruga Agim Ramadani 23", "Rruga Nëna Terezë 31", "Rruga UÇK 54", "Rruga Luan Haradinaj 7", "Rruga Garibaldi 11", "Rruga Remzi Ademaj 3"], "Rruga Fehmi Agani 40",
            "10000", "20000", "xk", ["Shqipe Gashi", "Burim Kastrati", "Arbnora Zeqiri", "Visar Hyseni", "Lirije Hoxha", "Kaltrina Dema"]),
        ["MK"] = new("mk", ["mk", "sq", "tr", "rom"], "Скопје", "Скопски регион", "Тетово", "Полошки регион", "MKD", "+389 2 31",
            ["ул. Македонија 12", "бул. Илинден 88", "ул. Димитрие Чуповски 5", "бул. Партизански одреди 41", "ул. Никола Вапцаров 9", "ул. Илинденска 110"], "ул. Васил Главинов 17",
            "1000", "1200", "mk", ["Марина Велковска", "Бујар Алими", "Катерина Спасовска", "Агрон Салиу", "Ивана Павловска", "Тони Јанев"]),
        ["ME"] = new("sr", ["sr", "sq"], "Podgorica", "Glavni grad Podgorica", "Bar", "Primorski region", "EUR", "+382 20 23",
            ["Bulevar Svetog Petra Cetinjskog 60", "Ulica slobode 34", "Njegoševa 21", "Bulevar revolucije 15", "Vojislavljevića 8", "Jovana Tomaševića 12"], "Hercegovačka 44",
            "81000", "85000", "me", ["Sanja Marković", "Vesna Perović", "Predrag Ivanović", "Bojana Vučinić", "Danilo Radulović", "Ana Mijović"]),
        ["RS"] = new("sr", ["sr", "hu", "rom"], "Beograd", "Grad Beograd", "Novi Sad", "Južnobački okrug", "RSD", "+381 11 32",
            ["Ruže Jovanović 27a", "Bulevar kralja Aleksandra 84", "Kneza Miloša 10", "Nemanjina 22", "Bulevar oslobođenja 30", "Kralja Petra I 19"], "Cara Dušana 71",
            "11000", "21000", "rs", ["Danijela Kostić", "Branislav Lukić", "Sofija Ranković", "Mladen Savić", "Jovana Živković", "Aleksandra Božić"]),
        ["BA"] = new("bs", ["bs", "sr", "hr"], "Sarajevo", "Kanton Sarajevo", "Tuzla", "Tuzlanski kanton", "BAM", "+387 33 21",
            ["Zmaja od Bosne 7", "Maršala Tita 28", "Hamdije Kreševljakovića 19", "Alipašina 41", "Turalibegova 15", "Titova 9"], "Ferhadija 30",
            "71000", "75000", "ba", ["Azra Mujić", "Senad Hasić", "Merima Alić", "Edin Kurtović", "Lamija Softić", "Damir Čaušević"]),
    };

    /// <summary>Name, description and how to refer for each template, in Albanian, Macedonian and the Serbian/Bosnian/Montenegrin standard.</summary>
    private static readonly Dictionary<string, Dictionary<string, (string Name, string Description, string HowToRefer)>> Words = new()
    {
        ["sq"] = new()
        {
            ["shelter"] = ("Strehim i sigurt për gra dhe vajza", "Strehim i menjëhershëm dhe afatgjatë për gra dhe vajza të trafikuara dhe fëmijët e tyre: dhomë, ushqim, kujdes 24 orë dhe plan individual.", "Telefononi linjën e strehëzës në çdo orë. Pranimi bëhet brenda ditës pas një bisede me punonjësen e rastit; adresa jepet vetëm pasi të pranohet personi."),
            ["counselling"] = ("Këshillim psikologjik dhe terapi traume", "Seanca individuale dhe në grup me psikologë të trajnuar për traumën pas shfrytëzimit.", "Dërgoni referim në Ura ose telefononi zyrën. Takimi i parë caktohet brenda një jave."),
            ["legal"] = ("Këshillim dhe përfaqësim ligjor", "Informim për të drejtat, leje qëndrimi, shoqërim në polici dhe gjykatë, përfaqësim falas në procese penale dhe për kompensim. Edhe për të mitur, me kujdestarin.", "Dërgoni referim në Ura me një përshkrim të shkurtër të çështjes. Avokati kontakton punonjësin referues brenda dy ditëve pune."),
            ["health"] = ("Shoqërim për kujdes shëndetësor", "Shoqërim te mjeku familjes, ekzaminime, kujdes gjinekologjik dhe ilaçe të mbuluara nga organizata.", "Dërgoni referim në Ura ose telefononi zyrën në orarin e punës."),
            ["vocational"] = ("Formim profesional dhe punësim", "Kurse profesionale (rrobaqepësi, kuzhinë, floktari, TIK), praktikë pune dhe ndihmë për të gjetur punë.", "Dërgoni referim në Ura. Kurset fillojnë çdo tre muaj; personi takohet më parë me këshilltaren e punësimit."),
            ["social-care"] = ("Ndihmë sociale dhe menaxhim rasti", "Vlerësim i nevojave, ndihmë ekonomike, pako ushqimore dhe lidhje me shërbimet publike.", "Dërgoni referim në Ura. Punonjësi social merr kontakt brenda tri ditëve pune."),
            ["child-protection"] = ("Mbrojtja e fëmijëve dhe kujdestaria", "Caktimi i kujdestarit, vlerësimi i familjes dhe plani i mbrojtjes për fëmijët e trafikuar ose në rrezik.", "Për fëmijë në rrezik telefononi në çdo orë; përndryshe dërgoni referim në Ura."),
            ["day-centre"] = ("Qendër ditore për fëmijë", "Mësim plotësues dhe aktivitete pas shkollës për fëmijë në rrezik.", "Qendra është mbyllur përkohësisht për rinovim."),
            ["identification"] = ("Identifikimi i viktimave të trafikimit", "Intervistë dhe identifikim formal i viktimave të mundshme nga oficerë të trajnuar, në prani të një punonjësi social.", "Telefononi oficerin në detyrë në çdo orë ose dërgoni referim në Ura për raste jo urgjente."),
            ["helpline"] = ("Linja e ndihmës 24 orë", "Linjë falas dhe anonime për këdo që ka nevojë për ndihmë ose informacion për trafikimin.", "Linja nuk merr referime: personi mund të telefonojë vetë, në çdo orë, falas."),
            ["rights"] = ("Informim për të drejtat dhe migrimin e sigurt", "Seanca informuese për të rinjtë dhe familjet për punën e sigurt jashtë vendit dhe të drejtat e tyre.", "Dërgoni referim në Ura për një person ose grup."),
            ["focal-point"] = ("Pika kombëtare e kontaktit për referimin ndërkombëtar", "Koordinon kthimin dhe referimin e viktimave mes shteteve dhe kërkimin e familjes.", "Nuk merr referime në Ura: kontaktoni me e-mail ose telefon për rastet ndërkufitare."),
            ["return"] = ("Kthim vullnetar i asistuar", "Dokumente udhëtimi, biletë, shoqërim dhe pritje në vendin e kthimit.", "Dërgoni referim në Ura të paktën dy javë para datës së dëshiruar të kthimit."),
            ["reintegration"] = ("Grant riintegrimi dhe mbështetje për biznes", "Grant i vogël për të filluar një biznes ose për arsimim, me plan biznesi dhe ndjekje për një vit.", "Dërgoni referim në Ura me planin e asistencës së personit."),
            ["interpretation"] = ("Përkthim dhe interpretim", "Interpretë për intervista, vizita mjekësore dhe gjykatë; përkthim dokumentesh.", "Shërbimi nuk është aktiv këtë vit."),
        },
        ["mk"] = new()
        {
            ["shelter"] = ("Безбедно засолниште за жени и девојки", "Итно и долгорочно сместување за жени и девојки жртви на трговија со луѓе и нивните деца: соба, храна, грижа 24 часа и индивидуален план.", "Јавете се на телефонот на засолништето во секое време. Приемот е истиот ден по разговор со социјалната работничка; адресата се кажува дури по приемот."),
            ["counselling"] = ("Психолошко советување и терапија на траума", "Индивидуални и групни сесии со психолози обучени за траума по експлоатација.", "Испратете упат преку Ура или јавете се во канцеларијата. Првиот термин е во рок од една недела."),
            ["legal"] = ("Правно советување и застапување", "Информации за правата, дозволи за престој, придружба во полиција и суд, бесплатно застапување во кривична постапка и за надомест на штета. И за малолетници, со старател.", "Испратете упат преку Ура со краток опис. Адвокатот го контактира упатувачот во рок од два работни дена."),
            ["health"] = ("Придружба до здравствена заштита", "Придружба до матичен лекар, прегледи, гинеколошка грижа и лекови платени од организацијата.", "Испратете упат преку Ура или јавете се во работно време."),
            ["vocational"] = ("Стручна обука и вработување", "Стручни курсеви (шиење, готвење, фризерство, информатика), пракса и помош при барање работа.", "Испратете упат преку Ура. Курсевите почнуваат на секои три месеци; лицето прво се среќава со советничката за вработување."),
            ["social-care"] = ("Социјална помош и водење случај", "Проценка на потребите, парична помош, пакети храна и поврзување со јавните служби.", "Испратете упат преку Ура. Социјалниот работник се јавува во рок од три работни дена."),
            ["child-protection"] = ("Заштита на деца и старателство", "Назначување старател, проценка на семејството и план за заштита на деца жртви или во ризик.", "За дете во ризик јавете се во секое време; инаку испратете упат преку Ура."),
            ["day-centre"] = ("Дневен центар за деца", "Дополнителна настава и активности по училиште за деца во ризик.", "Центарот е привремено затворен поради реновирање."),
            ["identification"] = ("Идентификација на жртви на трговија со луѓе", "Разговор и формална идентификација на можни жртви од обучени службеници, во присуство на социјален работник.", "Јавете се на дежурниот службеник во секое време или испратете упат преку Ура за неитни случаи."),
            ["helpline"] = ("СОС линија 24 часа", "Бесплатна и анонимна линија за секој што има потреба од помош или информации за трговија со луѓе.", "Линијата не прима упати: лицето може само да се јави, во секое време, бесплатно."),
            ["rights"] = ("Информирање за правата и безбедна миграција", "Информативни средби за млади и семејства за безбедна работа во странство и нивните права.", "Испратете упат преку Ура за лице или група."),
            ["focal-point"] = ("Национална контакт точка за транснационално упатување", "Ги координира враќањето и упатувањето на жртви меѓу државите и барањето на семејството.", "Не прима упати преку Ура: јавете се или пишете е-пошта за прекугранични случаи."),
            ["return"] = ("Асистирано доброволно враќање", "Патни документи, билет, придружба и прием во земјата на враќање.", "Испратете упат преку Ура најмалку две недели пред посакуваниот датум на враќање."),
            ["reintegration"] = ("Грант за реинтеграција и поддршка за бизнис", "Мал грант за започнување бизнис или школување, со бизнис план и следење една година.", "Испратете упат преку Ура со планот за помош на лицето."),
            ["interpretation"] = ("Толкување и превод", "Толкувачи за разговори, лекарски прегледи и суд; превод на документи.", "Услугата не е активна оваа година."),
        },
        ["sr"] = new()
        {
            ["shelter"] = ("Sigurna kuća za žene i devojke", "Hitan i dugoročan smeštaj za žene i devojke žrtve trgovine ljudima i njihovu decu: soba, hrana, briga 24 sata i individualni plan.", "Pozovite telefon sigurne kuće u bilo koje doba. Prijem je istog dana, posle razgovora sa socijalnom radnicom; adresa se saopštava tek posle prijema."),
            ["counselling"] = ("Psihološko savetovanje i terapija traume", "Individualne i grupne seanse sa psiholozima obučenim za rad sa traumom posle eksploatacije.", "Pošaljite uput kroz Uru ili pozovite kancelariju. Prvi termin je u roku od nedelju dana."),
            ["legal"] = ("Pravno savetovanje i zastupanje", "Informacije o pravima, dozvole boravka, pratnja u policiju i sud, besplatno zastupanje u krivičnom postupku i za naknadu štete. I za maloletnike, uz staratelja.", "Pošaljite uput kroz Uru sa kratkim opisom. Advokat se javlja onome ko upućuje u roku od dva radna dana."),
            ["health"] = ("Pratnja do zdravstvene zaštite", "Pratnja do izabranog lekara, pregledi, ginekološka zaštita i lekovi koje plaća organizacija.", "Pošaljite uput kroz Uru ili pozovite u radno vreme."),
            ["vocational"] = ("Stručna obuka i zapošljavanje", "Stručni kursevi (krojenje, kuvanje, frizerstvo, informatika), praksa i pomoć pri traženju posla.", "Pošaljite uput kroz Uru. Kursevi počinju svaka tri meseca; osoba se prvo sastaje sa savetnicom za zapošljavanje."),
            ["social-care"] = ("Socijalna pomoć i vođenje slučaja", "Procena potreba, novčana pomoć, paketi hrane i povezivanje sa javnim službama.", "Pošaljite uput kroz Uru. Socijalni radnik se javlja u roku od tri radna dana."),
            ["child-protection"] = ("Zaštita dece i starateljstvo", "Postavljanje staratelja, procena porodice i plan zaštite za decu žrtve ili decu u riziku.", "Za dete u riziku pozovite u bilo koje doba; inače pošaljite uput kroz Uru."),
            ["day-centre"] = ("Dnevni centar za decu", "Dopunska nastava i aktivnosti posle škole za decu u riziku.", "Centar je privremeno zatvoren zbog renoviranja."),
            ["identification"] = ("Identifikacija žrtava trgovine ljudima", "Razgovor i formalna identifikacija mogućih žrtava od strane obučenih službenika, uz prisustvo socijalnog radnika.", "Pozovite dežurnog službenika u bilo koje doba ili pošaljite uput kroz Uru za slučajeve koji nisu hitni."),
            ["helpline"] = ("SOS linija 24 sata", "Besplatna i anonimna linija za svakoga ko treba pomoć ili informacije o trgovini ljudima.", "Linija ne prima upute: osoba može sama da pozove, u bilo koje doba, besplatno."),
            ["rights"] = ("Informisanje o pravima i bezbednoj migraciji", "Informativni susreti za mlade i porodice o bezbednom radu u inostranstvu i njihovim pravima.", "Pošaljite uput kroz Uru za osobu ili grupu."),
            ["focal-point"] = ("Nacionalna kontakt tačka za transnacionalno upućivanje", "Koordinira povratak i upućivanje žrtava između država i traženje porodice.", "Ne prima upute kroz Uru: pozovite ili pišite e-poštom za prekogranične slučajeve."),
            ["return"] = ("Potpomognuti dobrovoljni povratak", "Putne isprave, karta, pratnja i prijem u zemlji povratka.", "Pošaljite uput kroz Uru najmanje dve nedelje pre željenog datuma povratka."),
            ["reintegration"] = ("Grant za reintegraciju i podrška za posao", "Mali grant za pokretanje posla ili školovanje, uz poslovni plan i praćenje godinu dana.", "Pošaljite uput kroz Uru sa planom pomoći za osobu."),
            ["interpretation"] = ("Tumačenje i prevođenje", "Tumači za razgovore, lekarske preglede i sud; prevod dokumenata.", "Usluga nije aktivna ove godine."),
        },
    };

    /// <summary>Short local phrases: office hours note, 24 hours note, free of charge, documents, accessibility, places.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Phrases = new()
    {
        ["sq"] = new()
        {
            ["allday"] = "24 orë, çdo ditë", ["office"] = "Orari i zyrës", ["free"] = "Falas për viktimat e trafikimit",
            ["grant"] = "Grant deri në shumën e treguar, sipas planit të biznesit",
            ["doc-id"] = "Letërnjoftim ose pasaportë, nëse personi e ka", ["doc-travel"] = "Pasaportë ose dokument udhëtimi (ndihmojmë ta merrni)",
            ["ramp"] = "Hyrje me rampë për karrige me rrota", ["ground"] = "Zyrat në katin përdhes",
            ["contact-title"] = "Koordinatore e rasteve", ["department"] = "Shërbimet për viktimat",
            ["office-name"] = "Zyra qendrore", ["branch-name"] = "Dega", ["shelter-name"] = "Strehëza", ["online-name"] = "Linja telefonike dhe në internet",
            ["bus"] = "Autobusët e qytetit ndalojnë pranë hyrjes", ["capacity"] = "Shtretër për gra, vajza dhe fëmijët e tyre",
            ["org-description"] = "Organizatë në mekanizmin kombëtar të referimit për viktimat e trafikimit.",
        },
        ["mk"] = new()
        {
            ["allday"] = "24 часа, секој ден", ["office"] = "Работно време", ["free"] = "Бесплатно за жртви на трговија со луѓе",
            ["grant"] = "Грант до наведениот износ, според бизнис планот",
            ["doc-id"] = "Лична карта или пасош, ако лицето има", ["doc-travel"] = "Пасош или патна исправа (помагаме да се извади)",
            ["ramp"] = "Влез со рампа за инвалидска количка", ["ground"] = "Канцеларии во приземје",
            ["contact-title"] = "Координаторка на случаи", ["department"] = "Услуги за жртви",
            ["office-name"] = "Главна канцеларија", ["branch-name"] = "Подрачна единица", ["shelter-name"] = "Засолниште", ["online-name"] = "Телефонска и онлајн линија",
            ["bus"] = "Градските автобуси застануваат до влезот", ["capacity"] = "Кревети за жени, девојки и нивните деца",
            ["org-description"] = "Организација во националниот механизам за упатување на жртви на трговија со луѓе.",
        },
        ["sr"] = new()
        {
            ["allday"] = "24 sata, svaki dan", ["office"] = "Radno vreme", ["free"] = "Besplatno za žrtve trgovine ljudima",
            ["grant"] = "Grant do navedenog iznosa, prema poslovnom planu",
            ["doc-id"] = "Lična karta ili pasoš, ako ih osoba ima", ["doc-travel"] = "Pasoš ili putna isprava (pomažemo da se izvadi)",
            ["ramp"] = "Ulaz sa rampom za invalidska kolica", ["ground"] = "Kancelarije u prizemlju",
            ["contact-title"] = "Koordinatorka slučajeva", ["department"] = "Usluge za žrtve",
            ["office-name"] = "Glavna kancelarija", ["branch-name"] = "Područna jedinica", ["shelter-name"] = "Sigurna kuća", ["online-name"] = "Telefonska i onlajn linija",
            ["bus"] = "Gradski autobusi staju kod ulaza", ["capacity"] = "Kreveti za žene, devojke i njihovu decu",
            ["org-description"] = "Organizacija u nacionalnom mehanizmu upućivanja žrtava trgovine ljudima.",
        },
    };

    private static string WordsFor(string language) => language is "sq" or "mk" ? language : "sr";

    /// <summary>Adds the demo directory for every demo organisation, unless the database already has services.</summary>
    public async Task<int> SeedAsync(DateTime now, CancellationToken ct)
    {
        if (await db.Services.AnyAsync(ct))
            return 0;
        var organisations = await db.Organisations.AsNoTracking().ToListAsync(ct);
        var added = 0;
        foreach (var (code, country) in Places)
        {
            var inCountry = organisations.Where(o => o.CountryCode == code).ToList();
            var byKind = new Dictionary<DemoData.OrgKind, Organisation>();
            foreach (var kind in Enum.GetValues<DemoData.OrgKind>())
                if (FindOrganisation(inCountry, kind) is { } org)
                    byKind[kind] = org;
            var words = WordsFor(country.Language);
            var phrases = Phrases[words];
            var locations = new Dictionary<(DemoData.OrgKind, string), Location>();
            var n = 0;
            foreach (var (kind, org) in byKind)
            {
                await ProfileAsync(org.Id, code, kind, phrases, ct);
                foreach (var key in Templates.Where(t => t.Org == kind).Select(t => t.Location).Distinct())
                    locations[(kind, key)] = AddLocation(code, country, kind, key, org.Id, phrases, now);
            }
            foreach (var template in Templates)
            {
                if (!byKind.TryGetValue(template.Org, out var org))
                    continue;
                AddService(code, country, template, org.Id, locations[(template.Org, template.Location)], Words[words][template.Key], phrases, n++, now);
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    private static Organisation? FindOrganisation(List<Organisation> organisations, DemoData.OrgKind kind) => kind switch
    {
        DemoData.OrgKind.Coordinator => organisations.FirstOrDefault(o => o.IsNationalCoordinatorOffice),
        DemoData.OrgKind.Police => organisations.FirstOrDefault(o => o.IsIdentificationAuthority),
        DemoData.OrgKind.Shelter => organisations.FirstOrDefault(o => o.IsShelterOperator),
        DemoData.OrgKind.SocialServices => organisations.FirstOrDefault(o => o.Type == OrganisationType.LocalGovernmentOrganisation),
        DemoData.OrgKind.International => organisations.FirstOrDefault(o => o.Type == OrganisationType.InternationalOrganisation),
        _ => organisations.FirstOrDefault(o => o.Type == OrganisationType.NGO && !o.IsShelterOperator),
    };

    private async Task ProfileAsync(Guid organisationId, string code, DemoData.OrgKind kind, Dictionary<string, string> phrases, CancellationToken ct)
    {
        var org = await db.Organisations.SingleAsync(o => o.Id == organisationId, ct);
        var slug = kind.ToString().ToLowerInvariant();
        org.Description ??= phrases["org-description"];
        org.Email ??= $"info.{slug}.{code.ToLowerInvariant()}@demo.ura";
        org.Website ??= $"https://{slug}.{code.ToLowerInvariant()}.demo.ura";
    }

    private Location AddLocation(string code, Place country, DemoData.OrgKind kind, string key, Guid organisationId, Dictionary<string, string> phrases, DateTime now)
    {
        var orgIndex = (int)kind;
        var inTown = key == "branch";
        var location = new Location
        {
            Id = LocationId(code, kind, key),
            OrganisationId = organisationId,
            LocationType = key == "online" ? LocationType.Virtual : LocationType.Physical,
            Name = phrases[key + "-name"],
            IsConfidential = key == "shelter",
            Url = key == "online" ? $"https://help.{code.ToLowerInvariant()}.demo.ura" : null,
            Transportation = key is "office" or "branch" ? phrases["bus"] : null,
            ModifiedAt = now,
        };
        if (key != "online")
        {
            location.Addresses.Add(new Address
            {
                LocationId = location.Id,
                // The shelter has its own street, which no other demo place shares, so a test can prove it never leaks.
                Address1 = key == "shelter" ? country.ShelterStreet : country.Streets[orgIndex],
                City = inTown ? country.Town : country.Capital,
                Region = inTown ? country.TownRegion : country.CapitalRegion,
                PostalCode = inTown ? country.TownPostalCode : key == "shelter" ? country.PostalCode[..^1] + "7" : country.PostalCode,
                CountryCode = code,
                AddressType = LocationType.Physical,
            });
        }
        if (key is "office" or "branch")
        {
            location.Accessibility.Add(new Accessibility { LocationId = location.Id, Description = phrases["ramp"], Details = phrases["ground"] });
            location.Schedules.Add(new Schedule { LocationId = location.Id, ByDay = WeekDays, OpensAt = new TimeOnly(8, 0), ClosesAt = new TimeOnly(16, 0), Description = phrases["office"] });
        }
        db.Locations.Add(location);
        return location;
    }

    private void AddService(string code, Place country, Template t, Guid organisationId, Location location,
        (string Name, string Description, string HowToRefer) words, Dictionary<string, string> phrases, int n, DateTime now)
    {
        var id = ServiceId(code, t.Key);
        var service = new Service
        {
            Id = id,
            OrganisationId = organisationId,
            Name = words.Name,
            Description = words.Description,
            ApplicationProcess = words.HowToRefer,
            Status = t.Status,
            MinimumAge = t.MinimumAge,
            MaximumAge = t.MaximumAge,
            EligibleGenders = t.Genders,
            AcceptsReferrals = t.AcceptsReferrals,
            Email = $"{t.Key}.{code.ToLowerInvariant()}@demo.ura",
            FeesDescription = t.Key == "reintegration" ? phrases["grant"] : phrases["free"],
            CreatedAt = now,
            ModifiedAt = now,
        };
        foreach (var language in country.Spoken.Take(t.Key is "helpline" or "legal" or "identification" ? 4 : 1).Concat(t.ExtraLanguages ?? []).Distinct())
            service.Languages.Add(new ServiceLanguage { ServiceId = id, Code = language });
        foreach (var category in t.Categories)
            service.Terms.Add(new ServiceTerm { ServiceId = id, TaxonomyTermId = ServiceTaxonomy.Find(category)!.Id });
        service.Phones.Add(new Phone { ServiceId = id, Number = $"{country.PhonePrefix} {100 + n * 7:000} {(n * 37 % 90) + 10:00}", Type = "voice" });
        if (t.AllDay)
            service.Phones.Add(new Phone { ServiceId = id, Number = $"{country.PhonePrefix[..country.PhonePrefix.LastIndexOf(' ')]} 69 {200 + n * 13:000} {(n * 53 % 90) + 10:00}", Type = "cell", Description = phrases["allday"] });
        service.Contacts.Add(new Contact
        {
            ServiceId = id, Name = country.Contacts[n % country.Contacts.Length], Title = phrases["contact-title"],
            Department = phrases["department"], Email = $"{t.Key}.{code.ToLowerInvariant()}@demo.ura",
        });
        service.Schedules.Add(t.AllDay
            ? new Schedule { ServiceId = id, ByDay = EveryDay, OpensAt = new TimeOnly(0, 0), ClosesAt = new TimeOnly(23, 59), Description = phrases["allday"] }
            : new Schedule { ServiceId = id, ByDay = WeekDays, OpensAt = new TimeOnly(9, 0), ClosesAt = new TimeOnly(t.Key == "vocational" ? 15 : 17, 0), Description = phrases["office"] });
        service.ServiceAreas.Add(t.WholeCountry
            ? new ServiceArea { ServiceId = id, CountryCode = code }
            : new ServiceArea { ServiceId = id, CountryCode = code, Name = location.Addresses.FirstOrDefault()?.City ?? country.Capital });
        service.CostOptions.Add(t.Key == "reintegration"
            ? new CostOption { ServiceId = id, Option = phrases["grant"], Amount = code switch { "AL" => 150000m, "MK" => 90000m, "RS" => 180000m, "BA" => 3000m, _ => 1500m }, Currency = country.Currency }
            : new CostOption { ServiceId = id, Option = phrases["free"], Amount = 0m, Currency = country.Currency });
        if (t.Document is { } document)
            service.RequiredDocuments.Add(new RequiredDocument { ServiceId = id, Document = phrases["doc-" + document] });
        service.Locations.Add(new ServiceAtLocation { ServiceId = id, LocationId = location.Id });
        if (t.Beds)
        {
            var maximum = 8 + code.Sum(c => c) % 8;
            service.Capacities.Add(new ServiceCapacity
            {
                ServiceId = id, UnitId = ServiceTaxonomy.BedUnitId, Maximum = maximum, Available = maximum / 3,
                Description = phrases["capacity"], UpdatedAt = now,
            });
        }
        db.Services.Add(service);
    }
}
