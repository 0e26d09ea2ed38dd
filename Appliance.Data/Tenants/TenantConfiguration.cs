using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.Tenants;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public const int NameMaxLength = 200;

    public const int RegionMaxLength = 64;

    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(NameMaxLength);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Region).HasMaxLength(RegionMaxLength);
        builder.Property(t => t.MaxOfflineDays).HasDefaultValue(Tenant.DefaultMaxOfflineDays);

        builder.HasMany(t => t.Domains)
            .WithOne()
            .HasForeignKey(d => d.TenantId)
            .OnDelete(DeleteBehavior.Cascade);

        // Key versions describe HSM objects; deleting a tenant row must not silently forget them.
        builder.HasMany(t => t.Keys)
            .WithOne()
            .HasForeignKey(k => k.TenantId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
