using Appliance.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.Groups;

internal sealed class GroupMembershipConfiguration : IEntityTypeConfiguration<GroupMembership>
{
    public void Configure(EntityTypeBuilder<GroupMembership> builder)
    {
        builder.ToTable(t => t.HasCheckConstraint("CK_GroupMembership_OneMember",
            "(\"MemberUserId\" IS NULL) <> (\"MemberGroupId\" IS NULL)"));

        // Both lookups of the graph walk are by member: "which groups hold this user / this group".
        builder.HasIndex(m => new { m.MemberUserId, m.GroupId }).IsUnique();
        builder.HasIndex(m => new { m.MemberGroupId, m.GroupId }).IsUnique();
        builder.HasIndex(m => m.GroupId);

        builder.HasOne<DirectoryGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<DirectoryGroup>().WithMany().HasForeignKey(m => m.MemberGroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplianceUser>().WithMany().HasForeignKey(m => m.MemberUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
