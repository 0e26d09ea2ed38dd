using Appliance.Data.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.Users;

internal sealed class UserKeyPairConfiguration : IEntityTypeConfiguration<UserKeyPair>
{
    public void Configure(EntityTypeBuilder<UserKeyPair> builder)
    {
        builder.Property(p => p.TenantKeyId).HasMaxLength(TenantKeyConfiguration.KeyIdMaxLength);
        builder.Property(p => p.WrapAlgorithm).HasMaxLength(TenantKeyConfiguration.AlgorithmMaxLength);

        // One key pair per user, so that every device of the user gets the same keys.
        builder.HasIndex(p => p.UserId).IsUnique();

        builder.HasOne<ApplianceUser>()
            .WithMany()
            .HasForeignKey(p => p.UserId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>()
            .WithMany()
            .HasForeignKey(p => p.TenantId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
