using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.Tenants;

internal sealed class TenantKeyConfiguration : IEntityTypeConfiguration<TenantKey>
{
    public const int KeyIdMaxLength = 128;

    public const int AlgorithmMaxLength = 32;

    public void Configure(EntityTypeBuilder<TenantKey> builder)
    {
        builder.Property(k => k.KeyId).HasMaxLength(KeyIdMaxLength);
        builder.Property(k => k.Region).HasMaxLength(TenantConfiguration.RegionMaxLength);
        builder.Property(k => k.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(k => k.EncryptionAlgorithm).HasMaxLength(AlgorithmMaxLength);
        builder.Property(k => k.WrapAlgorithm).HasMaxLength(AlgorithmMaxLength);
        builder.Property(k => k.SigningAlgorithm).HasMaxLength(AlgorithmMaxLength);

        builder.HasIndex(k => new { k.TenantId, k.Version }).IsUnique();

        // The kid in every signed structure and the HSM object id: one key version each, appliance-wide.
        builder.HasIndex(k => k.KeyId).IsUnique();
    }
}
