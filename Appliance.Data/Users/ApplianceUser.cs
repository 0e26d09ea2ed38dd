using Microsoft.AspNetCore.Identity;

namespace Appliance.Data.Users;

/// <summary>
/// A person or administrator known to the appliance. <see cref="TenantId"/> is null for appliance
/// administrators who belong to no organisation (the first-start <c>admin</c>).
/// </summary>
public sealed class ApplianceUser : IdentityUser<Guid>
{
    public Guid? TenantId { get; set; }

    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
