using System.Globalization;

namespace Ura.Features.Training.Trainings;

/// <summary>How training figures are written on the pages, in the reader's culture.</summary>
public static class TrainingFormat
{
    public static string Period(DateOnly from, DateOnly to) =>
        from == to ? from.ToString("d", CultureInfo.CurrentCulture) : $"{from.ToString("d", CultureInfo.CurrentCulture)} – {to.ToString("d", CultureInfo.CurrentCulture)}";

    public static string Score(decimal? score) => score?.ToString("0.##", CultureInfo.CurrentCulture) ?? "–";

    /// <summary>The change with its sign, so a fall is as visible as a gain.</summary>
    public static string Change(decimal? change) => change switch
    {
        null => "–",
        > 0 => "+" + change.Value.ToString("0.##", CultureInfo.CurrentCulture),
        _ => change.Value.ToString("0.##", CultureInfo.CurrentCulture),
    };

    public static string Share(decimal? share) => share?.ToString("P0", CultureInfo.CurrentCulture) ?? "–";

    /// <summary>A score as a form field shows it: a point for decimals, as number inputs send it.</summary>
    public static string? Field(decimal? score) => score?.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A score typed with a point or a comma; empty is no score.</summary>
    public static bool TryParseScore(string? raw, out decimal? score)
    {
        score = null;
        if (string.IsNullOrWhiteSpace(raw))
            return true;
        if (!decimal.TryParse(raw.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return false;
        score = value;
        return true;
    }
}

/// <summary>What <c>_DateField.cshtml</c> draws: a required date input with its label and error.</summary>
public sealed record DateField(string Name, string Label, DateOnly? Value, string? Error, bool Required = true);
