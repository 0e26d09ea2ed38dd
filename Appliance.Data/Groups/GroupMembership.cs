namespace Appliance.Data.Groups;

/// <summary>One edge of the membership graph: a user or a group that belongs to a group.</summary>
/// <remarks>Exactly one of <see cref="MemberUserId"/> and <see cref="MemberGroupId"/> is set.</remarks>
public sealed class GroupMembership
{
    public long Id { get; set; }

    public Guid GroupId { get; set; }

    public Guid? MemberUserId { get; set; }

    public Guid? MemberGroupId { get; set; }
}
