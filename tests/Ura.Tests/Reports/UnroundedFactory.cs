using Ura.Tests.Infrastructure;

namespace Ura.Tests.Reports;

/// <summary>
/// For tests of what a report computes: counts are not rounded (small ones are still hidden), so every figure can be
/// checked to the unit. <see cref="DifferencingTests"/> and the rounding tests run at the node's default.
/// </summary>
public class UnroundedFactory : UraFactory
{
    protected override int? ReportRoundTo => 1;
}
