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

        // Null for appliance administrators, who belong to no tenant.
        builder.HasOne<Tenant>()
            .WithMany()
            .HasForeignKey(u => u.TenantId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
