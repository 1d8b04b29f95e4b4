using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ura.Platform.Data.Migrations;

/// <summary>The referral inbox's unfiltered page (an organisation's referrals, newest sent first) read from an index.</summary>
[DbContext(typeof(UraDbContext))]
[Migration("20261122000016_ReferralInbox")]
public sealed class ReferralInbox : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.CreateIndex("IX_Referrals_ReceivingOrganisationId_SentAt", "Referrals", ["ReceivingOrganisationId", "SentAt"]);
}
