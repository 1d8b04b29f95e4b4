using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>
/// The referral inbox lists all of an organisation's received referrals newest first. The index on
/// (receiving organisation, status, sent) serves one status; across statuses the database sorted every
/// referral the organisation ever received (bench/directory.sh: about 200 ms at 20,000). This one walks
/// them in order.
/// </summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261122000015_ReferralInboxIndex")]
public sealed class ReferralInboxIndex : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.CreateIndex("IX_Referrals_ReceivingOrganisationId_SentAt", "Referrals", ["ReceivingOrganisationId", "SentAt"]);
}
