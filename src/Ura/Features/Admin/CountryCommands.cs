using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Audit;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Admin;

/// <summary>A new country: the code is fixed once created.</summary>
public sealed record NewCountry
{
    [Required(ErrorMessage = "Validation.Required"), RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "Admin.Countries.CodeInvalid"), Display(Name = "Admin.Countries.Code")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Admin.Countries.Name")]
    public string Name { get; set; } = "";

    [Range(1, 365, ErrorMessage = "Admin.Countries.DaysRange"), Display(Name = "Admin.Countries.ReflectionPeriodDays")]
    public int ReflectionPeriodDays { get; set; } = 30;
}

/// <summary>What can change on a country.</summary>
public sealed record CountryChange
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Admin.Countries.Name")]
    public string Name { get; set; } = "";

    [Range(1, 365, ErrorMessage = "Admin.Countries.DaysRange"), Display(Name = "Admin.Countries.ReflectionPeriodDays")]
    public int ReflectionPeriodDays { get; set; } = 30;
}

/// <summary>The countries this node serves. System administrators only; the pages' policy ensures it.</summary>
public sealed class CountryCommands(UraDbContext db, AuditLog audit)
{
    public Task<List<Country>> ListAsync(CancellationToken ct) =>
        db.Countries.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);

    public Task<Country?> GetAsync(string code, CancellationToken ct)
    {
        var normalised = code.ToUpperInvariant();
        return db.Countries.AsNoTracking().FirstOrDefaultAsync(c => c.Code == normalised, ct);
    }

    public async Task<CommandResult<Country>> AddAsync(NewCountry input, CancellationToken ct)
    {
        var code = input.Code.Trim().ToUpperInvariant();
        if (await db.Countries.AnyAsync(c => c.Code == code, ct))
            return CommandResult<Country>.Refused(nameof(NewCountry.Code), "Admin.Countries.Duplicate");
        var country = new Country { Code = code, Name = input.Name.Trim(), ReflectionPeriodDays = input.ReflectionPeriodDays };
        db.Countries.Add(country);
        audit.Record("country.create", nameof(Country), code, $"reflectionPeriodDays={country.ReflectionPeriodDays}");
        await db.SaveChangesAsync(ct);
        return CommandResult<Country>.Done(country);
    }

    public async Task<CommandResult<Country>> ChangeAsync(string code, CountryChange input, CancellationToken ct)
    {
        var normalised = code.ToUpperInvariant();
        var country = await db.Countries.FirstOrDefaultAsync(c => c.Code == normalised, ct);
        if (country is null)
            return CommandResult<Country>.NotFound();
        var changed = new List<string>();
        if (country.Name != input.Name.Trim())
        {
            country.Name = input.Name.Trim();
            changed.Add("name");
        }
        if (country.ReflectionPeriodDays != input.ReflectionPeriodDays)
        {
            country.ReflectionPeriodDays = input.ReflectionPeriodDays;
            changed.Add($"reflectionPeriodDays={input.ReflectionPeriodDays}");
        }
        if (changed.Count > 0)
        {
            audit.Record("country.update", nameof(Country), country.Code, string.Join(";", changed));
            await db.SaveChangesAsync(ct);
        }
        return CommandResult<Country>.Done(country);
    }
}
