using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Shelters;

/// <summary>
/// A facility's financial plan for a year (<c>?year=</c>): budget, a month's costs, funding sources, and
/// the computed cost per bed-night, gap and projection. Shelter managers of the operating organisation only.
/// </summary>
[Authorize(Policy = Policies.ShelterManager)]
public sealed class FinancePageModel(FacilityFinances finances, IStringLocalizer<Text> text) : PageModel
{
    public ShelterFacility Facility { get; private set; } = null!;
    public FinancialPlan? Plan { get; private set; }
    public int Year { get; private set; }

    /// <summary>The funding source being changed in the funding form, if any.</summary>
    public Guid? EditingFunding { get; private set; }

    [BindProperty]
    public AmountsForm Budget { get; set; } = new();

    [BindProperty]
    public AmountsForm Costs { get; set; } = new();

    [BindProperty]
    public FundingForm Funding { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, int? year, int? month, Guid? funding)
    {
        if (!await LoadAsync(id, year))
            return NotFound();
        if (Plan is null)
            return Page();
        Budget = AmountsForm.Of(Plan.Budget.Where(b => b.Budget is not null).Select(b => new CategoryAmount(b.Category, b.Budget!.Value)));
        var chosen = month is >= 1 and <= 12 ? month.Value : DefaultMonth(Plan);
        Costs = AmountsForm.Of(Plan.Months[chosen - 1].Costs);
        Costs.Month = chosen;
        if (funding is { } fundingId && Plan.Funding.FirstOrDefault(f => f.Id == fundingId) is { } source)
        {
            EditingFunding = source.Id;
            Funding = new FundingForm
            {
                Id = source.Id, Kind = source.Kind.ToString(), Name = source.Name,
                Committed = AmountsForm.Show(source.Committed), Expected = AmountsForm.Show(source.Expected),
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostBudgetAsync(Guid id, int? year)
    {
        if (!Budget.TryRead(out var input, out var unreadable))
            return await RedisplayAsync(id, year, unreadable.Select(c => new RuleError(c, "Validation.Number")), nameof(Budget));
        var result = await finances.SetBudgetAsync(id, year ?? finances.Today.Year, input, HttpContext.RequestAborted);
        return await AfterAsync(id, year, result.Found, result.Errors, nameof(Budget), "budget");
    }

    public async Task<IActionResult> OnPostCostsAsync(Guid id, int? year)
    {
        if (!Costs.TryRead(out var input, out var unreadable))
            return await RedisplayAsync(id, year, unreadable.Select(c => new RuleError(c, "Validation.Number")), nameof(Costs));
        var result = await finances.SetMonthCostsAsync(id, year ?? finances.Today.Year, Costs.Month ?? 0, input, HttpContext.RequestAborted);
        return await AfterAsync(id, year, result.Found, result.Errors, nameof(Costs), "costs");
    }

    public async Task<IActionResult> OnPostFundingAsync(Guid id, int? year)
    {
        var unreadable = new List<RuleError>();
        var input = new FundingInput { Kind = Funding.Kind, Name = Funding.Name };
        if (AmountsForm.TryParse(Funding.Committed, out var committed))
            input.Committed = committed;
        else
            unreadable.Add(new(nameof(FundingForm.Committed), "Validation.Number"));
        if (AmountsForm.TryParse(Funding.Expected, out var expected))
            input.Expected = expected;
        else
            unreadable.Add(new(nameof(FundingForm.Expected), "Validation.Number"));
        if (unreadable.Count > 0)
            return await RedisplayAsync(id, year, unreadable, nameof(Funding));
        var theYear = year ?? finances.Today.Year;
        var result = Funding.Id is { } fundingId
            ? await finances.ChangeFundingAsync(id, theYear, fundingId, input, HttpContext.RequestAborted)
            : await finances.AddFundingAsync(id, theYear, input, HttpContext.RequestAborted);
        return await AfterAsync(id, year, result.Found, result.Errors, nameof(Funding), "funding");
    }

    public async Task<IActionResult> OnPostRemoveFundingAsync(Guid id, int? year, Guid fundingId)
    {
        var result = await finances.RemoveFundingAsync(id, year ?? finances.Today.Year, fundingId, HttpContext.RequestAborted);
        return await AfterAsync(id, year, result.Found, result.Errors, nameof(Funding), "funding");
    }

    public string MonthName(int month) => CultureInfo.CurrentCulture.DateTimeFormat.GetMonthName(month);

    public static string Money(decimal? amount) => amount?.ToString("N2", CultureInfo.CurrentCulture) ?? "-";

    /// <summary>The month the cost form offers first: the one after the latest with costs, or this month in the current year.</summary>
    private int DefaultMonth(FinancialPlan plan)
    {
        if (plan.Months.LastOrDefault(m => m.HasCosts) is { } last)
            return Math.Min(12, last.Month + 1);
        return plan.Year == finances.Today.Year ? finances.Today.Month : 1;
    }

    private async Task<bool> LoadAsync(Guid id, int? year)
    {
        if (await finances.FacilityAsync(id, HttpContext.RequestAborted) is not { } facility)
            return false;
        Facility = facility;
        Year = year ?? finances.Today.Year;
        var plan = await finances.PlanAsync(id, Year, HttpContext.RequestAborted);
        if (!plan.Found)
            return false;
        Plan = plan.Value;
        foreach (var error in plan.Errors)
            ModelState.AddModelError("", text[error.MessageKey]);
        return true;
    }

    private async Task<IActionResult> AfterAsync(Guid id, int? year, bool found, IReadOnlyList<RuleError> errors, string form, string anchor)
    {
        if (!found)
            return NotFound();
        if (errors.Count == 0)
            return LocalRedirect($"/shelters/{id}/finance?year={year ?? finances.Today.Year}#{anchor}");
        return await RedisplayAsync(id, year, errors, form);
    }

    /// <summary>Shows the page again with the person's input kept and each error next to its field.</summary>
    private async Task<IActionResult> RedisplayAsync(Guid id, int? year, IEnumerable<RuleError> errors, string form)
    {
        var posted = (Budget, Costs, Funding);
        ModelState.Clear();
        if (!await LoadAsync(id, year))
            return NotFound();
        (Budget, Costs, Funding) = posted;
        EditingFunding = Funding.Id;
        // The forms not posted show what is stored, as on a fresh page.
        if (Plan is not null && form != nameof(Budget))
            Budget = AmountsForm.Of(Plan.Budget.Where(b => b.Budget is not null).Select(b => new CategoryAmount(b.Category, b.Budget!.Value)));
        if (Plan is not null && form != nameof(Costs))
        {
            var month = DefaultMonth(Plan);
            Costs = AmountsForm.Of(Plan.Months[month - 1].Costs);
            Costs.Month = month;
        }
        if (form != nameof(Funding))
            (Funding, EditingFunding) = (new FundingForm(), null);
        foreach (var error in errors)
            ModelState.AddModelError(FieldKey(form, error.Field), text[error.MessageKey]);
        return Page();
    }

    /// <summary>Where an error shows: next to a category's amount, the month, a funding field, or at the top.</summary>
    public static string FieldKey(string form, string field) => field switch
    {
        "" or "Year" => "",
        "Lines" => form,
        _ when Enum.TryParse<CostCategory>(field, out _) => $"{form}.Amount[{field}]",
        _ => $"{form}.{field}",
    };

    /// <summary>Six amounts as typed (empty means no line), and for costs the month.</summary>
    public sealed class AmountsForm
    {
        public Dictionary<string, string?> Amount { get; set; } = [];
        public int? Month { get; set; }

        public static AmountsForm Of(IEnumerable<CategoryAmount> amounts) =>
            new() { Amount = amounts.ToDictionary(a => a.Category.ToString(), a => (string?)Show(a.Amount)) };

        public string? Value(CostCategory category) => Amount.GetValueOrDefault(category.ToString());

        public static string Show(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);

        /// <summary>The filled-in amounts as lines; false with the categories whose amount is not a number.</summary>
        public bool TryRead(out AmountsInput input, out List<string> unreadable)
        {
            input = new AmountsInput();
            unreadable = [];
            foreach (var category in Enum.GetValues<CostCategory>())
            {
                var raw = Value(category);
                if (string.IsNullOrWhiteSpace(raw))
                    continue;
                if (TryParse(raw, out var amount))
                    input.Lines.Add(new AmountLineInput { Category = category.ToString(), Amount = amount });
                else
                    unreadable.Add(category.ToString());
            }
            return unreadable.Count == 0;
        }

        /// <summary>
        /// Reads an amount as people type it in any of the four languages: "1200.50", "1200,50",
        /// "1 200,50" or "1.200,50" (the last separator is the decimal one). Empty is no amount.
        /// </summary>
        public static bool TryParse(string? raw, out decimal? amount)
        {
            amount = null;
            if (string.IsNullOrWhiteSpace(raw))
                return true;
            var digits = new string([.. raw.Where(c => !char.IsWhiteSpace(c) && c != '\'' && c != '\u202F')]);
            var decimalAt = Math.Max(digits.LastIndexOf('.'), digits.LastIndexOf(','));
            if (decimalAt >= 0)
            {
                var whole = digits[..decimalAt].Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
                digits = whole + "." + digits[(decimalAt + 1)..];
            }
            if (!decimal.TryParse(digits, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                return false;
            amount = value;
            return true;
        }
    }

    public sealed class FundingForm
    {
        public Guid? Id { get; set; }
        public string? Kind { get; set; }
        public string? Name { get; set; }
        public string? Committed { get; set; }
        public string? Expected { get; set; }
    }
}
