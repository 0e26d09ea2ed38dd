using Appliance.Data.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.Templates;

internal sealed class RightsTemplateConfiguration : IEntityTypeConfiguration<RightsTemplate>
{
    public void Configure(EntityTypeBuilder<RightsTemplate> builder)
    {
        // Texts and grants are read and written with their template, never queried on their own: one JSON
        // column each keeps a template one row on both providers.
        builder.OwnsMany(t => t.Texts, b => b.ToJson());
        builder.OwnsMany(t => t.Grants, b => b.ToJson());
        builder.Property(t => t.ExpiryMode).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.OfflineMode).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(t => t.TenantId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
