using Appliance.Data.Documents;
using Appliance.Data.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.SuperUsers;

internal sealed class SuperUserMemberConfiguration : IEntityTypeConfiguration<SuperUserMember>
{
    public void Configure(EntityTypeBuilder<SuperUserMember> builder)
    {
        builder.ToTable("SuperUserMembers");
        builder.Property(m => m.Principal).HasMaxLength(ProtectedDocumentConfiguration.EmailMaxLength);
        builder.Property(m => m.AddedBy).HasMaxLength(ProtectedDocumentConfiguration.EmailMaxLength);
        // One row per address and tenant; every licence of a non-grantee looks the tenant's members up.
        builder.HasIndex(m => new { m.TenantId, m.Principal }).IsUnique();

        builder.HasOne<Tenant>()
            .WithMany()
            .HasForeignKey(m => m.TenantId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
