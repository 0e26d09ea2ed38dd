using Appliance.Data.DirectorySync;
using Appliance.Data.ExternalUsers;
using Appliance.Data.Groups;
using Appliance.Data.Notifications;
using Appliance.Data.Documents;
using Appliance.Data.Roles;
using Appliance.Data.Services;
using Appliance.Data.Settings;
using Appliance.Data.SuperUsers;
using Appliance.Data.Templates;
using Appliance.Data.Tenants;
using Appliance.Data.Usage;
using Appliance.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Data;

/// <summary>
/// The appliance's one database: tenants and their key versions, users (ASP.NET Core Identity),
/// OpenIddict's applications, authorizations, scopes and tokens, registered documents and the usage log.
/// </summary>
/// <remarks>
/// Abstract because every provider has its own subclass and its own migrations
/// (<see cref="Sqlite.SqliteApplianceDbContext"/>, <see cref="Postgres.PostgresApplianceDbContext"/>);
/// services depend on this type and get the configured subclass.
/// </remarks>
public abstract class ApplianceDbContext : IdentityDbContext<ApplianceUser, IdentityRole<Guid>, Guid>
{
    protected ApplianceDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<TenantDomain> TenantDomains => Set<TenantDomain>();

    public DbSet<TenantKey> TenantKeys => Set<TenantKey>();

    public DbSet<UserKeyPair> UserKeyPairs => Set<UserKeyPair>();

    public DbSet<ProtectedDocument> ProtectedDocuments => Set<ProtectedDocument>();

    public DbSet<UsageLogEntry> UsageLog => Set<UsageLogEntry>();

    public DbSet<UsageChainHead> UsageChainHeads => Set<UsageChainHead>();

    public DbSet<UsageCheckpoint> UsageCheckpoints => Set<UsageCheckpoint>();

    public DbSet<OwnerNotification> OwnerNotifications => Set<OwnerNotification>();

    public DbSet<DirectoryGroup> Groups => Set<DirectoryGroup>();

    public DbSet<GroupMembership> GroupMemberships => Set<GroupMembership>();

    public DbSet<LdapDirectory> LdapDirectories => Set<LdapDirectory>();

    public DbSet<SecuritySettings> SecuritySettings => Set<SecuritySettings>();
    public DbSet<EmailVerificationCode> EmailVerificationCodes => Set<EmailVerificationCode>();

    public DbSet<RightsTemplate> Templates => Set<RightsTemplate>();

    public DbSet<SuperUserMember> SuperUserMembers => Set<SuperUserMember>();

    public DbSet<ServiceContentGrant> ServiceContentGrants => Set<ServiceContentGrant>();

    public DbSet<RoleScope> RoleScopes => Set<RoleScope>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // In the model itself rather than through DbContextOptionsBuilder.UseOpenIddict(), so that every
        // way of building a context (DI, design-time factories, tests) sees the same model.
        builder.UseOpenIddict();

        builder.ApplyConfigurationsFromAssembly(typeof(ApplianceDbContext).Assembly);
    }
}
