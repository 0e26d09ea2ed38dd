using Appliance.Data.DirectorySync;
using Appliance.Data.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.Groups;

internal sealed class DirectoryGroupConfiguration : IEntityTypeConfiguration<DirectoryGroup>
{
    public void Configure(EntityTypeBuilder<DirectoryGroup> builder)
    {
        builder.Property(g => g.Email).HasMaxLength(256);
        builder.Property(g => g.DisplayName).HasMaxLength(256);
        builder.HasIndex(g => g.Email).IsUnique();
        builder.HasIndex(g => g.TenantId);
        // The portal's groups grid sorts by name (server-side paging over every group).
        builder.HasIndex(g => g.DisplayName);
        builder.Property(g => g.Source).HasMaxLength(PrincipalSources.MaxLength).HasDefaultValue(PrincipalSources.Local);
        builder.Property(g => g.ExternalId).HasMaxLength(128);
        builder.HasIndex(g => new { g.TenantId, g.ExternalId });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(g => g.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
