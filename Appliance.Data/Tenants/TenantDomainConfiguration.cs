using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.Tenants;

internal sealed class TenantDomainConfiguration : IEntityTypeConfiguration<TenantDomain>
{
    /// <summary>The longest DNS name (RFC 1035).</summary>
    public const int DomainMaxLength = 253;

    public void Configure(EntityTypeBuilder<TenantDomain> builder)
    {
        builder.Property(d => d.Domain).HasMaxLength(DomainMaxLength);

        // A domain decides which tenant a user belongs to, so it can belong to only one.
        builder.HasIndex(d => d.Domain).IsUnique();
    }
}
