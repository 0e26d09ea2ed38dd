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
        builder.HasOne<Tenant>().WithMany().HasForeignKey(g => g.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
