using System.Buffers.Binary;
using Ura.Platform.Crypto;

namespace Ura.Features.Reports;

/// <summary>
/// Noise on the costs that leave a case team. Before a person's costs are added into a report they are multiplied by
/// a factor of that person's own: between 0.8 and 0.9, or between 1.1 and 1.2. The factor comes from the case and the
/// node's secret key, so it is the same in every report and nobody outside can work it out.
/// </summary>
/// <remarks>
/// Every amount published is then a sum of people's noisy costs. Subtracting one report from another, however the two
/// are chosen, gives at best another such sum, so a few people's costs are never told to better than 10 %, and one
/// person's never to better than 10 % even where their cost is most of a category. Across many people the factors
/// above and below 1 balance, so large totals stay close to the true ones. This is the noise method of Evans, Zayatz
/// and Slanta (1998) for tables of amounts.
/// </remarks>
public static class CostNoise
{
    public static double Factor(BlindIndex secret, Guid? caseId)
    {
        var hash = Convert.FromHexString(secret.Of("report.cost-noise", (caseId ?? Guid.Empty).ToString("N")));
        var size = 0.1 + BinaryPrimitives.ReadUInt32LittleEndian(hash) / (double)uint.MaxValue / 10;
        return (hash[4] & 1) == 0 ? 1 + size : 1 - size;
    }
}
