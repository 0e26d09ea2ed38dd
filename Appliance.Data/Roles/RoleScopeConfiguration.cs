using Appliance.Data.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.Roles;

internal sealed class RoleScopeConfiguration : IEntityTypeConfiguration<RoleScope>
{
    public void Configure(EntityTypeBuilder<RoleScope> builder)
    {
        builder.ToTable("RoleScopes");
        // Every scoped request reads a user's rows for one role: the key's prefix serves it.
        builder.HasKey(s => new { s.UserId, s.RoleId, s.TenantId });

        // The assignment the scope belongs to: removing the role (or the user, whose assignments go with them) removes
        // its organisations, so a role granted again later starts from nothing rather than from an old scope.
        builder.HasOne<IdentityUserRole<Guid>>()
            .WithMany()
            .HasForeignKey(s => new { s.UserId, s.RoleId })
            .OnDelete(DeleteBehavior.Cascade);

        builder.HasOne<Tenant>()
            .WithMany()
            .HasForeignKey(s => s.TenantId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
