using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.Usage;

internal sealed class UsageChainHeadConfiguration : IEntityTypeConfiguration<UsageChainHead>
{
    public void Configure(EntityTypeBuilder<UsageChainHead> builder)
    {
        builder.ToTable("UsageChainHeads");
        builder.HasKey(h => h.Chain);
        builder.Property(h => h.Chain).HasMaxLength(UsageChains.MaxLength);
        builder.Property(h => h.HeadHash).HasMaxLength(32);
    }
}

internal sealed class UsageCheckpointConfiguration : IEntityTypeConfiguration<UsageCheckpoint>
{
    public void Configure(EntityTypeBuilder<UsageCheckpoint> builder)
    {
        builder.ToTable("UsageCheckpoints");
        builder.Property(c => c.Chain).HasMaxLength(UsageChains.MaxLength);
        builder.Property(c => c.HeadHash).HasMaxLength(32);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.KeyId).HasMaxLength(128);
        builder.Property(c => c.Algorithm).HasMaxLength(16);
        builder.Property(c => c.Signature).HasMaxLength(512);
        builder.HasIndex(c => new { c.Chain, c.Sequence });
    }
}
