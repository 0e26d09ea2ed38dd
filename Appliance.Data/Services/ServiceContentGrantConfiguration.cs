using Appliance.Data.Documents;
using Appliance.Data.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.Services;

internal sealed class ServiceContentGrantConfiguration : IEntityTypeConfiguration<ServiceContentGrant>
{
    public const int ClientIdMaxLength = 100;

    public void Configure(EntityTypeBuilder<ServiceContentGrant> builder)
    {
        builder.ToTable("ServiceContentGrants");
        builder.Property(g => g.ClientId).HasMaxLength(ClientIdMaxLength);
        builder.Property(g => g.Rights).HasMaxLength(256);
        builder.Property(g => g.GrantedBy).HasMaxLength(ProtectedDocumentConfiguration.EmailMaxLength);
        // Every licence request of a service looks its grant for the document's tenant up.
        builder.HasIndex(g => new { g.ClientId, g.TenantId }).IsUnique();

        builder.HasOne<Tenant>()
            .WithMany()
            .HasForeignKey(g => g.TenantId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
