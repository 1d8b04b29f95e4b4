using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Shelters;

/// <summary>One cost line's amount as sent: <see cref="Category"/> is a <see cref="CostCategory"/> name.</summary>
public sealed class AmountLineInput
{
    public string? Category { get; set; }
    public decimal? Amount { get; set; }
}

/// <summary>The year's budget, or one month's actual costs: every line given replaces the stored one; a line left out is removed.</summary>
public sealed class AmountsInput
{
    public List<AmountLineInput> Lines { get; set; } = [];
}

/// <summary>A funder for the year. The facility and year come from the route, never from here.</summary>
public sealed class FundingInput
{
    /// <summary>A <see cref="FundingKind"/> name.</summary>
    public string? Kind { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? Name { get; set; }

    /// <summary>Promised in writing for the year; 0 when left out.</summary>
    public decimal? Committed { get; set; }

    /// <summary>Hoped for on top of what is committed; 0 when left out.</summary>
    public decimal? Expected { get; set; }
}

/// <summary>The plan as a spreadsheet file.</summary>
public sealed record PlanExport(string FileName, byte[] Content)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

/// <summary>
/// The financial plan of a facility the signed-in shelter manager's organisation runs: read it, set the
/// budget, a month's costs and the funding sources, export it. A facility of another organisation, or a
/// caller who is not a shelter manager, finds nothing (404). Every change and export is audited.
/// </summary>
public sealed class FacilityFinances(UraDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock, IStringLocalizer<Text> text)
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>The largest amount a decimal(14,2) column holds.</summary>
    public const decimal MaxAmount = 999_999_999_999.99m;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The facility when the caller manages it: a shelter manager of the operating organisation.</summary>
    public async Task<ShelterFacility?> FacilityAsync(Guid id, CancellationToken ct) =>
        !user.IsInRole(Roles.ShelterManager) ? null
            : await db.ShelterFacilities.AsNoTracking().OfOwnOrganisation(user).SingleOrDefaultAsync(f => f.Id == id, ct);

    public async Task<CommandResult<FinancialPlan>> PlanAsync(Guid facilityId, int year, CancellationToken ct)
    {
        if (await FacilityAsync(facilityId, ct) is not { } facility)
            return CommandResult<FinancialPlan>.NotFound();
        if (YearError(year) is { } error)
            return CommandResult<FinancialPlan>.Refused(error);
        return CommandResult<FinancialPlan>.Done(await ComputeAsync(facility, year, ct));
    }

    public async Task<CommandResult<FinancialPlan>> SetBudgetAsync(Guid facilityId, int year, AmountsInput input, CancellationToken ct)
    {
        if (await FacilityAsync(facilityId, ct) is not { } facility)
            return CommandResult<FinancialPlan>.NotFound();
        var errors = LineErrors(input);
        if (YearError(year) is { } yearError)
            errors.Insert(0, yearError);
        if (errors.Count > 0)
            return CommandResult<FinancialPlan>.Refused([.. errors]);

        var stored = await db.ShelterBudgetLines.Where(b => b.FacilityId == facility.Id && b.Year == year).ToListAsync(ct);
        Replace(stored, Amounts(input), db.ShelterBudgetLines, category => new BudgetLine
        {
            FacilityId = facility.Id, OrganisationId = facility.OrganisationId, Year = year, Category = category,
        }, (line, amount) => { line.Amount = amount; line.UpdatedAt = Now; }, line => line.Category, line => line.Amount);
        audit.Record("shelter.finance.budget", nameof(ShelterFacility), facility.Id, year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (await SaveAsync(ct) is { } clash)
            return CommandResult<FinancialPlan>.Refused(clash);
        return CommandResult<FinancialPlan>.Done(await ComputeAsync(facility, year, ct));
    }

    public async Task<CommandResult<FinancialPlan>> SetMonthCostsAsync(Guid facilityId, int year, int month, AmountsInput input, CancellationToken ct)
    {
        if (await FacilityAsync(facilityId, ct) is not { } facility)
            return CommandResult<FinancialPlan>.NotFound();
        var errors = LineErrors(input);
        if (month is < 1 or > 12)
            errors.Insert(0, new RuleError("Month", "Finance.MonthOutOfRange"));
        if (YearError(year) is { } yearError)
            errors.Insert(0, yearError);
        if (errors.Count > 0)
            return CommandResult<FinancialPlan>.Refused([.. errors]);

        var stored = await db.ShelterMonthlyCosts.Where(c => c.FacilityId == facility.Id && c.Year == year && c.Month == month).ToListAsync(ct);
        Replace(stored, Amounts(input), db.ShelterMonthlyCosts, category => new MonthlyCost
        {
            FacilityId = facility.Id, OrganisationId = facility.OrganisationId, Year = year, Month = month, Category = category,
        }, (cost, amount) => { cost.Amount = amount; cost.UpdatedAt = Now; }, cost => cost.Category, cost => cost.Amount);
        audit.Record("shelter.finance.costs", nameof(ShelterFacility), facility.Id, $"{year:D4}-{month:D2}");
        if (await SaveAsync(ct) is { } clash)
            return CommandResult<FinancialPlan>.Refused(clash);
        return CommandResult<FinancialPlan>.Done(await ComputeAsync(facility, year, ct));
    }

    public async Task<CommandResult<FundingSourceView>> AddFundingAsync(Guid facilityId, int year, FundingInput input, CancellationToken ct)
    {
        if (await FacilityAsync(facilityId, ct) is not { } facility)
            return CommandResult<FundingSourceView>.NotFound();
        var errors = FundingErrors(input);
        if (YearError(year) is { } yearError)
            errors.Insert(0, yearError);
        if (errors.Count > 0)
            return CommandResult<FundingSourceView>.Refused([.. errors]);
        var source = new FundingSource { FacilityId = facility.Id, OrganisationId = facility.OrganisationId, Year = year, Name = "" };
        Apply(source, input);
        db.ShelterFundingSources.Add(source);
        audit.Record("shelter.finance.funding.add", nameof(FundingSource), source.Id, source.Kind.ToString());
        await db.SaveChangesAsync(ct);
        return CommandResult<FundingSourceView>.Done(View(source));
    }

    public async Task<CommandResult<FundingSourceView>> ChangeFundingAsync(Guid facilityId, int year, Guid fundingId, FundingInput input, CancellationToken ct)
    {
        if (await FundingSourceAsync(facilityId, year, fundingId, ct) is not { } source)
            return CommandResult<FundingSourceView>.NotFound();
        if (FundingErrors(input) is { Count: > 0 } errors)
            return CommandResult<FundingSourceView>.Refused([.. errors]);
        Apply(source, input);
        audit.Record("shelter.finance.funding.change", nameof(FundingSource), source.Id, source.Kind.ToString());
        if (await SaveAsync(ct) is { } clash)
            return CommandResult<FundingSourceView>.Refused(clash);
        return CommandResult<FundingSourceView>.Done(View(source));
    }

    public async Task<CommandResult<FundingSourceView>> RemoveFundingAsync(Guid facilityId, int year, Guid fundingId, CancellationToken ct)
    {
        if (await FundingSourceAsync(facilityId, year, fundingId, ct) is not { } source)
            return CommandResult<FundingSourceView>.NotFound();
        db.ShelterFundingSources.Remove(source);
        audit.Record("shelter.finance.funding.remove", nameof(FundingSource), source.Id, source.Kind.ToString());
        if (await SaveAsync(ct) is { } clash)
            return CommandResult<FundingSourceView>.Refused(clash);
        return CommandResult<FundingSourceView>.Done(View(source));
    }

    /// <summary>The plan as an XLSX workbook in the caller's language; the export is audited.</summary>
    public async Task<CommandResult<PlanExport>> ExportAsync(Guid facilityId, int year, CancellationToken ct)
    {
        var plan = await PlanAsync(facilityId, year, ct);
        if (!plan.Succeeded)
            return new CommandResult<PlanExport>(null, plan.Errors, plan.Found);
        var content = FinancialPlanWorkbook.Write(plan.Value!, text);
        audit.Record("export", nameof(ShelterFacility), facilityId, $"finance:{year}");
        await db.SaveChangesAsync(ct);
        return CommandResult<PlanExport>.Done(new PlanExport($"financial-plan-{year}.xlsx", content));
    }

    private async Task<FinancialPlan> ComputeAsync(ShelterFacility facility, int year, CancellationToken ct)
    {
        var years = new[] { year - 1, year, year + 1 };
        var budget = await db.ShelterBudgetLines.AsNoTracking().Where(b => b.FacilityId == facility.Id && years.Contains(b.Year)).ToListAsync(ct);
        var costs = await db.ShelterMonthlyCosts.AsNoTracking().Where(c => c.FacilityId == facility.Id && years.Contains(c.Year)).ToListAsync(ct);
        var funding = await db.ShelterFundingSources.AsNoTracking().Where(f => f.FacilityId == facility.Id && years.Contains(f.Year)).ToListAsync(ct);
        // Only the dates of stays touching the year: bed-nights are counts, no resident's data is read.
        var first = new DateOnly(year, 1, 1);
        var afterLast = first.AddYears(1);
        var stays = await db.ShelterStays.AsNoTracking()
            .Where(s => s.FacilityId == facility.Id && s.AdmittedOn < afterLast && (s.DischargedOn == null || s.DischargedOn > first))
            .Select(s => new FinancialPlan.StayDates(s.AdmittedOn, s.DischargedOn)).ToListAsync(ct);
        return FinancialPlan.Compute(facility, year, new(budget, costs, funding, stays), Today);
    }

    /// <summary>
    /// Saves a change of rows another person may be changing too. Two people saving the same budget or
    /// month at once both see the old lines; the second then breaks the one-line-per-category index (or
    /// changes a row already gone), and is told to look again instead of getting a server error.
    /// Nothing of the failed save is kept.
    /// </summary>
    private async Task<RuleError?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new RuleError("", "Finance.SavedMeanwhile");
        }
    }

    private Task<FundingSource?> FundingSourceAsync(Guid facilityId, int year, Guid fundingId, CancellationToken ct) =>
        !user.IsInRole(Roles.ShelterManager) ? Task.FromResult<FundingSource?>(null)
            : db.ShelterFundingSources.OfOwnOrganisation(user)
                .SingleOrDefaultAsync(f => f.Id == fundingId && f.FacilityId == facilityId && f.Year == year, ct);

    private static RuleError? YearError(int year) =>
        year is < FirstYear or > LastYear ? new RuleError("Year", "Finance.YearOutOfRange") : null;

    /// <summary>Each line's error goes to its category's field ("Staff"), so a form shows it next to that amount.</summary>
    private static List<RuleError> LineErrors(AmountsInput input)
    {
        var errors = new List<RuleError>();
        var seen = new HashSet<CostCategory>();
        foreach (var line in input.Lines ?? [])
        {
            if (line is null)
                continue;
            if (!Enum.TryParse<CostCategory>(line.Category, ignoreCase: false, out var category) || !Enum.IsDefined(category)
                || !line.Category!.All(char.IsAsciiLetter))
            {
                errors.Add(new("Lines", "Finance.UnknownCategory"));
                continue;
            }
            if (!seen.Add(category))
                errors.Add(new("Lines", "Finance.DuplicateCategory"));
            else if (AmountError(category.ToString(), line.Amount, required: true) is { } error)
                errors.Add(error);
        }
        return errors;
    }

    private static List<RuleError> FundingErrors(FundingInput input)
    {
        var errors = new List<RuleError>();
        if (input.Kind is null || !input.Kind.All(char.IsAsciiLetter) || !Enum.TryParse<FundingKind>(input.Kind, out _))
            errors.Add(new(nameof(FundingInput.Kind), "Finance.UnknownFundingKind"));
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
            errors.Add(new(nameof(FundingInput.Name), "Validation.Required"));
        else if (name.Length > 200)
            errors.Add(new(nameof(FundingInput.Name), "Validation.TooLong"));
        if (AmountError(nameof(FundingInput.Committed), input.Committed, required: false) is { } committed)
            errors.Add(committed);
        if (AmountError(nameof(FundingInput.Expected), input.Expected, required: false) is { } expected)
            errors.Add(expected);
        return errors;
    }

    private static RuleError? AmountError(string field, decimal? amount, bool required) => amount switch
    {
        null when required => new(field, "Validation.Required"),
        < 0 => new(field, "Finance.NegativeAmount"),
        > MaxAmount => new(field, "Finance.AmountTooLarge"),
        _ => null,
    };

    private static Dictionary<CostCategory, decimal> Amounts(AmountsInput input) =>
        (input.Lines ?? []).Where(l => l is not null).ToDictionary(l => Enum.Parse<CostCategory>(l.Category!), l => Round(l.Amount!.Value));

    /// <summary>Makes the stored lines match the amounts: changed, added, and removed when left out.</summary>
    private static void Replace<T>(List<T> stored, Dictionary<CostCategory, decimal> amounts, DbSet<T> set, Func<CostCategory, T> create,
        Action<T, decimal> setAmount, Func<T, CostCategory> categoryOf, Func<T, decimal> amountOf) where T : class
    {
        foreach (var line in stored.Where(l => !amounts.ContainsKey(categoryOf(l))))
            set.Remove(line);
        foreach (var (category, amount) in amounts)
        {
            var line = stored.FirstOrDefault(l => categoryOf(l) == category);
            if (line is null)
            {
                line = create(category);
                set.Add(line);
            }
            else if (amountOf(line) == amount)
                continue;
            setAmount(line, amount);
        }
    }

    private void Apply(FundingSource source, FundingInput input)
    {
        source.Kind = Enum.Parse<FundingKind>(input.Kind!);
        source.Name = input.Name!.Trim();
        source.Committed = Round(input.Committed ?? 0);
        source.Expected = Round(input.Expected ?? 0);
        source.UpdatedAt = Now;
    }

    private static FundingSourceView View(FundingSource s) => new(s.Id, s.Kind, s.Name, s.Committed, s.Expected);

    private static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
