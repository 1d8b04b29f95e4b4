using Microsoft.Extensions.Localization;
using Ura.Features.Directory;

namespace Ura.Features.Reports.Tip;

/// <summary>What the page and the exports call each table, row and column of the TIP figures, in the reader's language.</summary>
public static class TipLabels
{
    public static string Title(this IStringLocalizer text, TipTable table) => text["Reports.Tip.Table." + table.Name];

    public static string Definition(this IStringLocalizer text, TipTable table) => text["Reports.Tip.Definition." + table.Name];

    public static string Section(this IStringLocalizer text, int section) => text["Reports.Tip.Section" + section];

    public static string Column(this IStringLocalizer text, string column) => text["Reports.Tip.Column." + column];

    public static string Row(this IStringLocalizer text, TipReportView report, TipTable table, TipRow row) => row.Key switch
    {
        TipReport.NotRecorded => text["Reports.Tip.NotRecorded"],
        _ => table.Name switch
        {
            TipReport.IdentifiedBySexAndAge => text["Gender." + row.Key],
            TipReport.IdentifiedByExploitation => text["TypeOfExploitation." + row.Key],
            TipReport.IdentifiedByNationality when row.Key == report.Country => text["Reports.Tip.OwnNationals", text.Country(row.Key)],
            TipReport.IdentifiedByNationality => text.Country(row.Key),
            TipReport.AssistedByService => text["ServiceType." + row.Key],
            TipReport.ReferralsByReceiver => text["OrganisationType." + row.Key],
            _ => text["Reports.Tip.Row." + row.Key],
        },
    };

    /// <summary>Why some cells are empty, with the node's threshold.</summary>
    public static string HiddenNote(this IStringLocalizer text, TipReportView report) => text["Reports.Tip.HiddenNote", report.SmallNumberThreshold];
}
