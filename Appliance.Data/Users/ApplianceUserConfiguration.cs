using Appliance.Data.DirectorySync;
using Appliance.Data.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.Users;

internal sealed class ApplianceUserConfiguration : IEntityTypeConfiguration<ApplianceUser>
{
    public const int DisplayNameMaxLength = 256;

    public void Configure(EntityTypeBuilder<ApplianceUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(DisplayNameMaxLength);
        builder.Property(u => u.Source).HasMaxLength(PrincipalSources.MaxLength).HasDefaultValue(PrincipalSources.Local);
        builder.Property(u => u.ExternalId).HasMaxLength(128);
        builder.Property(u => u.DistinguishedName).HasMaxLength(1024);
        // The sync matches directory objects by id within a tenant.
        builder.HasIndex(u => new { u.TenantId, u.ExternalId });
        // The portal's users grid sorts by these (server-side paging over 100 000 users and more).
        builder.HasIndex(u => u.DisplayName);
        builder.HasIndex(u => u.CreatedAt);

        // Null for appliance administrators, who belong to no tenant.
        builder.HasOne<Tenant>()
            .WithMany()
            .HasForeignKey(u => u.TenantId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
