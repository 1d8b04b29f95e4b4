using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Awareness.Campaigns;

/// <summary>A campaign as sent. The organisation and country come from the signed-in outreach officer, never from here.</summary>
public sealed class CampaignInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Campaigns.Field.Name")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Validation.Required"), StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Campaigns.Field.Objective")]
    public string? Objective { get; set; }

    /// <summary><see cref="TargetGroup"/> names; at least one.</summary>
    public List<string> TargetGroups { get; set; } = [];

    /// <summary><see cref="CampaignChannel"/> names; at least one.</summary>
    public List<string> Channels { get; set; } = [];

    [Display(Name = "Campaigns.Field.StartsOn")]
    public DateOnly? StartsOn { get; set; }

    [Display(Name = "Campaigns.Field.EndsOn")]
    public DateOnly? EndsOn { get; set; }

    /// <summary>Partner organisations' names.</summary>
    public List<string> Partners { get; set; } = [];

    [Display(Name = "Campaigns.Field.BudgetAmount")]
    public decimal? BudgetAmount { get; set; }

    [Display(Name = "Campaigns.Field.BudgetCurrency")]
    public string? BudgetCurrency { get; set; }

    [Display(Name = "Campaigns.Field.SurveyRespondentsBefore")]
    public int? SurveyRespondentsBefore { get; set; }

    /// <summary>Average share of correct answers before the campaign, 0 to 100.</summary>
    [Display(Name = "Campaigns.Field.SurveyScoreBefore")]
    public decimal? SurveyScoreBefore { get; set; }

    [Display(Name = "Campaigns.Field.SurveyRespondentsAfter")]
    public int? SurveyRespondentsAfter { get; set; }

    /// <summary>Average share of correct answers after the campaign, 0 to 100.</summary>
    [Display(Name = "Campaigns.Field.SurveyScoreAfter")]
    public decimal? SurveyScoreAfter { get; set; }
}

/// <summary>An activity as sent: its day must fall within the campaign's period.</summary>
public sealed class ActivityInput
{
    [Display(Name = "Campaigns.Activity.HeldOn")]
    public DateOnly? HeldOn { get; set; }

    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Campaigns.Activity.Place")]
    public string? Place { get; set; }

    /// <summary>A <see cref="CampaignChannel"/> name: the kind of activity.</summary>
    public string? Channel { get; set; }

    /// <summary>People reached by sex and age band; a group left out reached nobody.</summary>
    public List<PeopleCountInput> Reach { get; set; } = [];

    [StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Campaigns.Activity.Notes")]
    public string? Notes { get; set; }
}

/// <summary>A material as sent.</summary>
public sealed class MaterialInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Campaigns.Material.Title")]
    public string? Title { get; set; }

    /// <summary>A <see cref="MaterialKind"/> name.</summary>
    public string? Kind { get; set; }

    [Display(Name = "Campaigns.Material.Quantity")]
    public int? Quantity { get; set; }

    /// <summary>One of sq, mk, sr, bs, en, rom, tr.</summary>
    public string? Language { get; set; }
}

public sealed record CampaignSummary(Guid Id, string Name, string CountryCode, string Organisation, DateOnly StartsOn, DateOnly EndsOn,
    IReadOnlyList<CampaignChannel> Channels, int Activities, int PeopleReached);

public sealed record ActivityView(Guid Id, DateOnly HeldOn, string Place, CampaignChannel Channel, string? Notes, PeopleTotals Reach);

public sealed record MaterialView(Guid Id, string Title, MaterialKind Kind, int Quantity, string Language);

public sealed record SurveyView(int? RespondentsBefore, decimal? ScoreBefore, int? RespondentsAfter, decimal? ScoreAfter, decimal? Change);

public sealed record CampaignView(
    Guid Id, string Name, string Objective, string CountryCode, string Organisation, IReadOnlyList<TargetGroup> TargetGroups,
    IReadOnlyList<CampaignChannel> Channels, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<string> Partners,
    decimal? BudgetAmount, string? BudgetCurrency, SurveyView Survey, IReadOnlyList<ActivityView> Activities,
    PeopleTotals Reach, IReadOnlyList<MaterialView> Materials, bool CanChange);

/// <summary>
/// Awareness campaigns: outreach officers record their own organisation's campaigns, activities and
/// materials, and correct or remove activities and materials recorded by mistake; they, the country's
/// national coordinators and analysts read them (figures, never a
/// person). A campaign out of the caller's sight is not found (404), and one another organisation
/// runs cannot be changed by anyone here. Every change is audited.
/// </summary>
public sealed partial class CampaignCommands(UraDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    public const decimal MaxBudget = 999_999_999_999.99m;
    public const int MaxQuantity = 10_000_000;
    public const int MaxRespondents = 1_000_000;

    /// <summary>The languages materials are produced in: the region's languages, English and Romani.</summary>
    public static readonly IReadOnlyList<string> MaterialLanguages = ["sq", "mk", "sr", "bs", "en", "rom", "tr"];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(Now);

    public bool CanRecord => user.IsInRole(Roles.OutreachOfficer) && user.OrganisationId is not null;

    /// <summary>Campaigns the caller may read: outreach officers their organisation's, coordinators their country's, analysts all.</summary>
    public IQueryable<Campaign> Visible()
    {
        if (user.IsInRole(Roles.Analyst))
            return db.Campaigns;
        var organisationId = user.IsInRole(Roles.OutreachOfficer) ? user.OrganisationId ?? Guid.Empty : Guid.Empty;
        var country = user.IsInRole(Roles.NationalCoordinator) ? user.CountryCode ?? "" : "";
        return db.Campaigns.Where(c => c.OrganisationId == organisationId || c.CountryCode == country);
    }

    /// <summary>Countries the caller may filter by (the ones with campaigns in sight).</summary>
    public Task<List<string>> CountriesAsync(CancellationToken ct) =>
        Visible().Select(c => c.CountryCode).Distinct().OrderBy(c => c).ToListAsync(ct);

    /// <summary>Campaigns in sight, newest first; <paramref name="year"/> keeps those running at some time in that year.</summary>
    public async Task<List<CampaignSummary>> ListAsync(string? country, int? year, CancellationToken ct)
    {
        var campaigns = Visible();
        if (!string.IsNullOrWhiteSpace(country))
        {
            var code = country.Trim().ToUpperInvariant();
            campaigns = campaigns.Where(c => c.CountryCode == code);
        }
        if (year is { } y and >= 1 and <= 9998)
        {
            var (first, last) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
            campaigns = campaigns.Where(c => c.StartsOn <= last && c.EndsOn >= first);
        }
        var rows = await campaigns
            .Join(db.Organisations, c => c.OrganisationId, o => o.Id, (c, o) => new
            {
                c.Id, c.Name, c.CountryCode, Organisation = o.Name, c.StartsOn, c.EndsOn, c.Channels,
                Activities = c.Activities.Count,
                People = c.Activities.SelectMany(a => a.Reach).Sum(r => (int?)r.People) ?? 0,
            })
            .OrderByDescending(c => c.StartsOn).ThenBy(c => c.Name).Take(500).ToListAsync(ct);
        return [.. rows.Select(r => new CampaignSummary(r.Id, r.Name, r.CountryCode, r.Organisation, r.StartsOn, r.EndsOn,
            [.. Codes.Parse<CampaignChannel>(r.Channels)], r.Activities, r.People))];
    }

    public async Task<CampaignView?> GetAsync(Guid id, CancellationToken ct)
    {
        var campaign = await Visible().AsNoTracking().AsSplitQuery()
            .Include(c => c.Activities).ThenInclude(a => a.Reach).Include(c => c.Materials)
            .SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
            return null;
        var organisation = await db.Organisations.Where(o => o.Id == campaign.OrganisationId).Select(o => o.Name).SingleAsync(ct);
        return View(campaign, organisation);
    }

    /// <summary>The campaign's fields for the edit form, when the caller may change it.</summary>
    public async Task<CampaignInput?> ForEditAsync(Guid id, CancellationToken ct) =>
        await OwnAsync(id, ct) is { } c ? new CampaignInput
        {
            Name = c.Name, Objective = c.Objective, TargetGroups = [.. c.TargetGroupList.Select(g => g.ToString())],
            Channels = [.. c.ChannelList.Select(g => g.ToString())], StartsOn = c.StartsOn, EndsOn = c.EndsOn,
            Partners = PartnerList(c.Partners), BudgetAmount = c.BudgetAmount, BudgetCurrency = c.BudgetCurrency,
            SurveyRespondentsBefore = c.SurveyRespondentsBefore, SurveyScoreBefore = c.SurveyScoreBefore,
            SurveyRespondentsAfter = c.SurveyRespondentsAfter, SurveyScoreAfter = c.SurveyScoreAfter,
        } : null;

    /// <summary>A campaign the caller may change: one of their own organisation's, and the caller an outreach officer.</summary>
    public async Task<Campaign?> OwnAsync(Guid id, CancellationToken ct) =>
        !CanRecord ? null : await db.Campaigns.OfOwnOrganisation(user).SingleOrDefaultAsync(c => c.Id == id, ct);

    public async Task<CommandResult<CampaignView>> CreateAsync(CampaignInput input, CancellationToken ct)
    {
        if (!CanRecord)
            return CommandResult<CampaignView>.NotFound();
        if (CampaignErrors(input) is { Count: > 0 } errors)
            return CommandResult<CampaignView>.Refused([.. errors]);
        var organisation = await db.Organisations.SingleAsync(o => o.Id == user.RequiredOrganisationId, ct);
        var campaign = new Campaign
        {
            OrganisationId = organisation.Id, CountryCode = organisation.CountryCode, Name = "", Objective = "", TargetGroups = "", Channels = "",
            CreatedById = user.RequiredId, CreatedAt = Now,
        };
        Apply(campaign, input);
        db.Campaigns.Add(campaign);
        audit.Record("campaign.create", nameof(Campaign), campaign.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<CampaignView>.Done(View(campaign, organisation.Name));
    }

    public async Task<CommandResult<CampaignView>> ChangeAsync(Guid id, CampaignInput input, CancellationToken ct)
    {
        if (await OwnAsync(id, ct) is not { } campaign)
            return CommandResult<CampaignView>.NotFound();
        var errors = CampaignErrors(input);
        // A shorter period must still hold every activity already recorded.
        if (errors.Count == 0 && await db.CampaignActivities.AnyAsync(a => a.CampaignId == id && (a.HeldOn < input.StartsOn!.Value || a.HeldOn > input.EndsOn!.Value), ct))
            errors.Add(new(nameof(CampaignInput.StartsOn), "Campaigns.ActivitiesOutsidePeriod"));
        if (errors.Count > 0)
            return CommandResult<CampaignView>.Refused([.. errors]);
        Apply(campaign, input);
        audit.Record("campaign.change", nameof(Campaign), campaign.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<CampaignView>.Done((await GetAsync(id, ct))!);
    }

    public async Task<CommandResult<ActivityView>> AddActivityAsync(Guid campaignId, ActivityInput input, CancellationToken ct)
    {
        if (await OwnAsync(campaignId, ct) is not { } campaign)
            return CommandResult<ActivityView>.NotFound();
        if (ActivityErrors(campaign, input, out var channel, out var reach) is { Count: > 0 } errors)
            return CommandResult<ActivityView>.Refused([.. errors]);
        var activity = new CampaignActivity
        {
            CampaignId = campaign.Id, OrganisationId = campaign.OrganisationId, HeldOn = input.HeldOn!.Value, Place = input.Place!.Trim(),
            Channel = channel, Notes = Blank(input.Notes), CreatedById = user.RequiredId, CreatedAt = Now,
            Reach = [.. reach.Select(r => new CampaignReach { Sex = r.Sex, AgeBand = r.AgeBand, People = r.People })],
        };
        db.CampaignActivities.Add(activity);
        campaign.UpdatedAt = Now;
        audit.Record("campaign.activity.add", nameof(CampaignActivity), activity.Id, campaign.Id.ToString());
        await db.SaveChangesAsync(ct);
        return CommandResult<ActivityView>.Done(View(activity));
    }

    /// <summary>
    /// An activity with its counts, of a campaign the caller may change; null when either is out of scope
    /// or the activity belongs to another campaign.
    /// </summary>
    public async Task<(Campaign Campaign, CampaignActivity Activity)?> OwnActivityAsync(Guid campaignId, Guid activityId, CancellationToken ct)
    {
        if (await OwnAsync(campaignId, ct) is not { } campaign)
            return null;
        var activity = await db.CampaignActivities.OfOwnOrganisation(user).Include(a => a.Reach)
            .SingleOrDefaultAsync(a => a.Id == activityId && a.CampaignId == campaign.Id, ct);
        return activity is null ? null : (campaign, activity);
    }

    /// <summary>Corrects a recorded activity: the same rules as recording it; the counts sent replace the ones stored.</summary>
    public async Task<CommandResult<ActivityView>> ChangeActivityAsync(Guid campaignId, Guid activityId, ActivityInput input, CancellationToken ct)
    {
        if (await OwnActivityAsync(campaignId, activityId, ct) is not var (campaign, activity))
            return CommandResult<ActivityView>.NotFound();
        if (ActivityErrors(campaign, input, out var channel, out var reach) is { Count: > 0 } errors)
            return CommandResult<ActivityView>.Refused([.. errors]);
        activity.HeldOn = input.HeldOn!.Value;
        activity.Place = input.Place!.Trim();
        activity.Channel = channel;
        activity.Notes = Blank(input.Notes);
        // Rows are updated in place rather than replaced, so no delete and insert of the same group meet the unique index.
        foreach (var row in activity.Reach.ToList())
        {
            if (reach.SingleOrDefault(r => r.Sex == row.Sex && r.AgeBand == row.AgeBand) is { } count)
                row.People = count.People;
            else
            {
                activity.Reach.Remove(row);
                db.CampaignReach.Remove(row);
            }
        }
        foreach (var count in reach.Where(r => !activity.Reach.Any(row => row.Sex == r.Sex && row.AgeBand == r.AgeBand)))
        {
            var row = new CampaignReach { ActivityId = activity.Id, Sex = count.Sex, AgeBand = count.AgeBand, People = count.People };
            db.CampaignReach.Add(row);
            activity.Reach.Add(row);
        }
        campaign.UpdatedAt = Now;
        audit.Record("campaign.activity.change", nameof(CampaignActivity), activity.Id, campaign.Id.ToString());
        await db.SaveChangesAsync(ct);
        return CommandResult<ActivityView>.Done(View(activity));
    }

    /// <summary>Removes an activity recorded by mistake, with its counts; the campaign's totals no longer include it.</summary>
    public async Task<CommandResult<ActivityView>> RemoveActivityAsync(Guid campaignId, Guid activityId, CancellationToken ct)
    {
        if (await OwnActivityAsync(campaignId, activityId, ct) is not var (campaign, activity))
            return CommandResult<ActivityView>.NotFound();
        var removed = View(activity);
        db.CampaignActivities.Remove(activity);
        campaign.UpdatedAt = Now;
        audit.Record("campaign.activity.remove", nameof(CampaignActivity), activity.Id, campaign.Id.ToString());
        await db.SaveChangesAsync(ct);
        return CommandResult<ActivityView>.Done(removed);
    }

    public async Task<CommandResult<MaterialView>> AddMaterialAsync(Guid campaignId, MaterialInput input, CancellationToken ct)
    {
        if (await OwnAsync(campaignId, ct) is not { } campaign)
            return CommandResult<MaterialView>.NotFound();
        if (MaterialErrors(input, out var kind) is { Count: > 0 } errors)
            return CommandResult<MaterialView>.Refused([.. errors]);
        var material = new CampaignMaterial
        {
            CampaignId = campaign.Id, OrganisationId = campaign.OrganisationId, Title = input.Title!.Trim(), Kind = kind,
            Quantity = input.Quantity!.Value, Language = input.Language!, CreatedAt = Now,
        };
        db.CampaignMaterials.Add(material);
        campaign.UpdatedAt = Now;
        audit.Record("campaign.material.add", nameof(CampaignMaterial), material.Id, campaign.Id.ToString());
        await db.SaveChangesAsync(ct);
        return CommandResult<MaterialView>.Done(View(material));
    }

    /// <summary>A material of a campaign the caller may change; null when either is out of scope or it belongs to another campaign.</summary>
    public async Task<(Campaign Campaign, CampaignMaterial Material)?> OwnMaterialAsync(Guid campaignId, Guid materialId, CancellationToken ct)
    {
        if (await OwnAsync(campaignId, ct) is not { } campaign)
            return null;
        var material = await db.CampaignMaterials.OfOwnOrganisation(user)
            .SingleOrDefaultAsync(m => m.Id == materialId && m.CampaignId == campaign.Id, ct);
        return material is null ? null : (campaign, material);
    }

    /// <summary>Corrects a recorded material, with the same rules as recording it.</summary>
    public async Task<CommandResult<MaterialView>> ChangeMaterialAsync(Guid campaignId, Guid materialId, MaterialInput input, CancellationToken ct)
    {
        if (await OwnMaterialAsync(campaignId, materialId, ct) is not var (campaign, material))
            return CommandResult<MaterialView>.NotFound();
        if (MaterialErrors(input, out var kind) is { Count: > 0 } errors)
            return CommandResult<MaterialView>.Refused([.. errors]);
        material.Title = input.Title!.Trim();
        material.Kind = kind;
        material.Quantity = input.Quantity!.Value;
        material.Language = input.Language!;
        campaign.UpdatedAt = Now;
        audit.Record("campaign.material.change", nameof(CampaignMaterial), material.Id, campaign.Id.ToString());
        await db.SaveChangesAsync(ct);
        return CommandResult<MaterialView>.Done(View(material));
    }

    /// <summary>Removes a material recorded by mistake.</summary>
    public async Task<CommandResult<MaterialView>> RemoveMaterialAsync(Guid campaignId, Guid materialId, CancellationToken ct)
    {
        if (await OwnMaterialAsync(campaignId, materialId, ct) is not var (campaign, material))
            return CommandResult<MaterialView>.NotFound();
        db.CampaignMaterials.Remove(material);
        campaign.UpdatedAt = Now;
        audit.Record("campaign.material.remove", nameof(CampaignMaterial), material.Id, campaign.Id.ToString());
        await db.SaveChangesAsync(ct);
        return CommandResult<MaterialView>.Done(View(material));
    }

    /// <summary>The business rules of an activity, recorded or corrected: a day within the campaign's period, a place, a known channel, valid counts.</summary>
    private static List<RuleError> ActivityErrors(Campaign campaign, ActivityInput input, out CampaignChannel channel, out List<PeopleCount> reach)
    {
        var errors = PeopleCounts.Read(input.Reach, nameof(ActivityInput.Reach), out reach);
        if (input.HeldOn is not { } heldOn)
            errors.Insert(0, new(nameof(ActivityInput.HeldOn), "Validation.Required"));
        else if (!campaign.Covers(heldOn))
            errors.Insert(0, new(nameof(ActivityInput.HeldOn), "Campaigns.ActivityOutsidePeriod"));
        if (string.IsNullOrWhiteSpace(input.Place))
            errors.Add(new(nameof(ActivityInput.Place), "Validation.Required"));
        if (!IsName(input.Channel, out channel))
            errors.Add(new(nameof(ActivityInput.Channel), "Campaigns.UnknownChannel"));
        return errors;
    }

    /// <summary>The business rules of a material, recorded or corrected.</summary>
    private static List<RuleError> MaterialErrors(MaterialInput input, out MaterialKind kind)
    {
        var errors = new List<RuleError>();
        if (string.IsNullOrWhiteSpace(input.Title))
            errors.Add(new(nameof(MaterialInput.Title), "Validation.Required"));
        if (!IsName(input.Kind, out kind))
            errors.Add(new(nameof(MaterialInput.Kind), "Campaigns.UnknownMaterialKind"));
        if (input.Quantity is not { } quantity || quantity < 0 || quantity > MaxQuantity)
            errors.Add(new(nameof(MaterialInput.Quantity), "Campaigns.QuantityRange"));
        if (input.Language is null || !MaterialLanguages.Contains(input.Language))
            errors.Add(new(nameof(MaterialInput.Language), "Campaigns.UnknownLanguage"));
        return errors;
    }

    /// <summary>The business rules of a campaign's own fields; the shape (lengths, required text) is checked before.</summary>
    public static List<RuleError> CampaignErrors(CampaignInput input)
    {
        var errors = new List<RuleError>();
        if (string.IsNullOrWhiteSpace(input.Name))
            errors.Add(new(nameof(CampaignInput.Name), "Validation.Required"));
        if (string.IsNullOrWhiteSpace(input.Objective))
            errors.Add(new(nameof(CampaignInput.Objective), "Validation.Required"));
        if (input.TargetGroups.Count == 0 || input.TargetGroups.Any(g => !IsName<TargetGroup>(g, out _)))
            errors.Add(new(nameof(CampaignInput.TargetGroups), "Campaigns.TargetGroupsRequired"));
        if (input.Channels.Count == 0 || input.Channels.Any(c => !IsName<CampaignChannel>(c, out _)))
            errors.Add(new(nameof(CampaignInput.Channels), "Campaigns.ChannelsRequired"));
        if (input.StartsOn is null)
            errors.Add(new(nameof(CampaignInput.StartsOn), "Validation.Required"));
        if (input.EndsOn is null)
            errors.Add(new(nameof(CampaignInput.EndsOn), "Validation.Required"));
        else if (input.StartsOn is { } starts && input.EndsOn < starts)
            errors.Add(new(nameof(CampaignInput.EndsOn), "Campaigns.PeriodReversed"));
        var partners = input.Partners.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        if (partners.Count > 30 || partners.Any(p => p.Trim().Length > 200) || string.Join('\n', partners).Length > 2000)
            errors.Add(new(nameof(CampaignInput.Partners), "Campaigns.PartnersTooLong"));
        if (input.BudgetAmount is { } amount && (amount < 0 || amount > MaxBudget))
            errors.Add(new(nameof(CampaignInput.BudgetAmount), "Campaigns.BudgetRange"));
        if (input.BudgetAmount is not null && (input.BudgetCurrency is null || !CurrencyCode().IsMatch(input.BudgetCurrency.Trim().ToUpperInvariant())))
            errors.Add(new(nameof(CampaignInput.BudgetCurrency), "Campaigns.CurrencyInvalid"));
        foreach (var (respondents, field) in new[] { (input.SurveyRespondentsBefore, nameof(CampaignInput.SurveyRespondentsBefore)), (input.SurveyRespondentsAfter, nameof(CampaignInput.SurveyRespondentsAfter)) })
            if (respondents is < 0 or > MaxRespondents)
                errors.Add(new(field, "Campaigns.RespondentsRange"));
        foreach (var (score, field) in new[] { (input.SurveyScoreBefore, nameof(CampaignInput.SurveyScoreBefore)), (input.SurveyScoreAfter, nameof(CampaignInput.SurveyScoreAfter)) })
            if (score is < 0 or > 100)
                errors.Add(new(field, "Campaigns.ScoreRange"));
        return errors;
    }

    public static bool IsName<T>(string? name, out T value) where T : struct, Enum =>
        Enum.TryParse(name, ignoreCase: false, out value) && Enum.IsDefined(value) && !int.TryParse(name, out _);

    public static List<string> PartnerList(string? partners) =>
        [.. (partners ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private void Apply(Campaign campaign, CampaignInput input)
    {
        campaign.Name = input.Name!.Trim();
        campaign.Objective = input.Objective!.Trim();
        campaign.TargetGroups = Codes.Join(input.TargetGroups.Select(g => Enum.Parse<TargetGroup>(g)));
        campaign.Channels = Codes.Join(input.Channels.Select(c => Enum.Parse<CampaignChannel>(c)));
        campaign.StartsOn = input.StartsOn!.Value;
        campaign.EndsOn = input.EndsOn!.Value;
        campaign.Partners = Blank(string.Join('\n', input.Partners.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim())));
        campaign.BudgetAmount = input.BudgetAmount is { } amount ? Math.Round(amount, 2) : null;
        campaign.BudgetCurrency = input.BudgetAmount is null ? null : input.BudgetCurrency!.Trim().ToUpperInvariant();
        campaign.SurveyRespondentsBefore = input.SurveyRespondentsBefore;
        campaign.SurveyScoreBefore = input.SurveyScoreBefore is { } before ? Math.Round(before, 2) : null;
        campaign.SurveyRespondentsAfter = input.SurveyRespondentsAfter;
        campaign.SurveyScoreAfter = input.SurveyScoreAfter is { } after ? Math.Round(after, 2) : null;
        campaign.UpdatedAt = Now;
    }

    private CampaignView View(Campaign c, string organisation)
    {
        var activities = c.Activities.OrderBy(a => a.HeldOn).ThenBy(a => a.CreatedAt).Select(View).ToList();
        return new(c.Id, c.Name, c.Objective, c.CountryCode, organisation, [.. c.TargetGroupList], [.. c.ChannelList], c.StartsOn, c.EndsOn,
            PartnerList(c.Partners), c.BudgetAmount, c.BudgetCurrency,
            new(c.SurveyRespondentsBefore, c.SurveyScoreBefore, c.SurveyRespondentsAfter, c.SurveyScoreAfter, c.SurveyChange),
            activities, PeopleTotals.Sum(activities.SelectMany(a => a.Reach.Groups)),
            [.. c.Materials.OrderBy(m => m.CreatedAt).Select(View)],
            CanRecord && c.OrganisationId == user.OrganisationId);
    }

    private static ActivityView View(CampaignActivity a) =>
        new(a.Id, a.HeldOn, a.Place, a.Channel, a.Notes, PeopleTotals.Sum(a.Reach.Select(r => new PeopleCount(r.Sex, r.AgeBand, r.People))));

    private static MaterialView View(CampaignMaterial m) => new(m.Id, m.Title, m.Kind, m.Quantity, m.Language);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
