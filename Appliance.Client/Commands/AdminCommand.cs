using System.CommandLine;
using Appliance.Client.Cli;

namespace Appliance.Client.Commands;

/// <summary>`rms admin ...`: the admin API (needs an administrator's sign-in).</summary>
internal static class AdminCommand
{
    public static Command Create(CliContext context)
    {
        var user = new Command("user", "Manage users")
        {
            AdminUserAddCommand.Create(context),
            AdminUserListCommand.Create(context),
            AdminUserLockCommand.Create(context, locks: true),
            AdminUserLockCommand.Create(context, locks: false),
        };
        return new Command("admin", "Administer the appliance")
        {
            AdminActivateCommand.Create(context),
            AdminTenantCommand.Create(context),
            user,
            AdminGroupCommand.Create(context),
            AdminTemplateCommand.Create(context),
            AdminRoleCommand.Create(context),
            AdminSecurityCommand.Create(context),
            AdminSuperUsersCommand.Create(context),
            AdminServiceCommand.Create(context),
            AdminLdapCommand.Create(context),
            AdminAuditCommand.Create(context),
        };
    }
}
