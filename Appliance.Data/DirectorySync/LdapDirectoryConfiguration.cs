using Appliance.Data.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.DirectorySync;

internal sealed class LdapDirectoryConfiguration : IEntityTypeConfiguration<LdapDirectory>
{
    public void Configure(EntityTypeBuilder<LdapDirectory> builder)
    {
        builder.HasKey(d => d.TenantId);
        builder.Property(d => d.ServerUrl).HasMaxLength(512);
        builder.Property(d => d.BindDn).HasMaxLength(1024);
        builder.Property(d => d.ProtectedBindPassword).HasMaxLength(4096);
        builder.Property(d => d.BaseDn).HasMaxLength(1024);
        builder.Property(d => d.UserFilter).HasMaxLength(1024);
        builder.Property(d => d.GroupFilter).HasMaxLength(1024);
        builder.Property(d => d.DisabledFilter).HasMaxLength(1024);
        builder.Property(d => d.IdAttribute).HasMaxLength(64);
        builder.Property(d => d.MailAttribute).HasMaxLength(64);
        builder.Property(d => d.DisplayNameAttribute).HasMaxLength(64);
        builder.Property(d => d.MemberAttribute).HasMaxLength(64);
        builder.Property(d => d.LastSyncResult).HasMaxLength(2048);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
