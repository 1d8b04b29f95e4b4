using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Audit;
using Ura.Platform.Crypto;
using Ura.Platform.Identity;

namespace Ura.Platform.Data;

internal sealed class CountryConfiguration : IEntityTypeConfiguration<Country>
{
    public void Configure(EntityTypeBuilder<Country> e)
    {
        e.HasKey(c => c.Code);
        e.Property(c => c.Code).HasMaxLength(2);
        e.Property(c => c.Name).HasMaxLength(100);
    }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> e)
    {
        e.Property(o => o.Name).HasMaxLength(200);
        e.Property(o => o.CountryCode).HasMaxLength(2);
        e.Property(o => o.Type).HasConversion<string>().HasMaxLength(40);
        e.Property(o => o.Description).HasMaxLength(2000);
        e.Property(o => o.Email).HasMaxLength(200);
        e.Property(o => o.Website).HasMaxLength(500);
        e.Property(o => o.ReceivesHelpRequests).HasDefaultValue(false); // added to existing rows by migration 0026
        e.HasOne(o => o.Country).WithMany().HasForeignKey(o => o.CountryCode).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(o => new { o.CountryCode, o.Name }).IsUnique();
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> e)
    {
        e.Property(u => u.PreferredLanguage).HasMaxLength(10);
        e.Property(u => u.DisplayName).IsEncrypted(FieldClass.StaffName);
        e.HasOne(u => u.Organisation).WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(u => u.OrganisationId);
    }
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> e)
    {
        e.Property(t => t.Name).HasMaxLength(100);
        e.Property(t => t.Hint).HasMaxLength(20);
        e.Property(t => t.Hash).HasMaxLength(64);
        e.HasIndex(t => t.Hash).IsUnique();
        e.HasIndex(t => t.UserId);
        e.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        e.Property(a => a.Action).HasMaxLength(80);
        e.Property(a => a.EntityType).HasMaxLength(80);
        e.Property(a => a.EntityId).HasMaxLength(80);
        e.Property(a => a.Detail).HasMaxLength(500);
        e.Property(a => a.ClientAddress).HasMaxLength(64);
        e.Property(a => a.PreviousHash).HasMaxLength(64);
        e.Property(a => a.Hash).HasMaxLength(64);
        e.HasIndex(a => a.Sequence).IsUnique();
        e.HasIndex(a => new { a.OrganisationId, a.Sequence });
    }
}
