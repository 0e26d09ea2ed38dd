using System.CommandLine;
using System.Globalization;
using Appliance.Client.Cli;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms admin ldap show|set|sync [--tenant ID|NAME]`: an organisation's LDAP directory. The bind password goes in
/// from standard input only and never comes out: the appliance answers only whether one is stored.
/// </summary>
internal static class AdminLdapCommand
{
    public static Command Create(CliContext context) =>
        new("ldap", "Manage an organisation's LDAP directory sync") { ShowCommand(context), SetCommand(context), SyncCommand(context) };

    private static Command ShowCommand(CliContext context)
    {
        var tenant = AdminTenantOption.Create();
        var command = new Command("show", "Show an organisation's LDAP settings and its last sync (never the bind password)") { tenant };
        command.SetAction(async (result, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            var organisation = await AdminTenantOption.ResolveAsync(client, result.GetValue(tenant), ct);
            await WriteAsync(context, organisation, await client.GetLdapDirectoryAsync(organisation.Id, ct));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command SetCommand(CliContext context)
    {
        var tenant = AdminTenantOption.Create();
        var server = Required("--server", "ldap://host:port or ldaps://host:port", "URL");
        var bindDn = Required("--bind-dn", "The read-only account the appliance binds as", "DN");
        var bindPasswordStdin = new Option<bool>("--bind-password-stdin")
        {
            Description = "Read the bind password from the first line of standard input (required the first time; without it the stored one is kept)",
        };
        var baseDn = Required("--base-dn", "Where the user and group searches start", "DN");
        var userFilter = Required("--user-filter", "The users to sync, such as (objectClass=inetOrgPerson)", "FILTER");
        var groupFilter = Required("--group-filter", "The groups to sync, such as (objectClass=groupOfNames)", "FILTER");
        var disabledFilter = Optional("--disabled-filter", "Users also matching this are disabled, such as (description=disabled)", "FILTER");
        var idAttribute = Optional("--id-attribute", "The object id attribute (default entryUUID; objectGUID for AD)", "ATTRIBUTE");
        var mailAttribute = Optional("--mail-attribute", "The e-mail attribute (default mail)", "ATTRIBUTE");
        var displayNameAttribute = Optional("--display-name-attribute", "The display name attribute (default displayName)", "ATTRIBUTE");
        var memberAttribute = Optional("--member-attribute", "The group member attribute (default member)", "ATTRIBUTE");
        var syncInterval = new Option<int>("--sync-interval")
        {
            Description = "Sync every this many minutes (default 0: on demand only, with rms admin ldap sync)",
            HelpName = "MINUTES",
        };
        var command = new Command("set", "Set an organisation's LDAP settings (all of them: options left out take their defaults)")
        {
            tenant, server, bindDn, bindPasswordStdin, baseDn, userFilter, groupFilter,
            disabledFilter, idAttribute, mailAttribute, displayNameAttribute, memberAttribute, syncInterval,
        };
        command.SetAction(async (result, ct) =>
        {
            // SECURITY: from standard input only, so the password is in no shell history or process list; null keeps the stored one.
            var password = result.GetValue(bindPasswordStdin) ? context.ReadSecret("--bind-password-stdin", "bind password") : null;
            var request = new LdapDirectoryRequest(
                result.GetValue(server)!,
                result.GetValue(bindDn)!,
                password,
                result.GetValue(baseDn)!,
                result.GetValue(userFilter)!,
                result.GetValue(groupFilter)!,
                result.GetValue(disabledFilter),
                result.GetValue(idAttribute),
                result.GetValue(mailAttribute),
                result.GetValue(displayNameAttribute),
                result.GetValue(memberAttribute),
                result.GetValue(syncInterval));
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            var organisation = await AdminTenantOption.ResolveAsync(client, result.GetValue(tenant), ct);
            await WriteAsync(context, organisation, await client.SetLdapDirectoryAsync(organisation.Id, request, ct));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command SyncCommand(CliContext context)
    {
        var tenant = AdminTenantOption.Create();
        var command = new Command("sync", "Sync an organisation's users and groups from its LDAP directory now") { tenant };
        command.SetAction(async (result, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            var organisation = await AdminTenantOption.ResolveAsync(client, result.GetValue(tenant), ct);
            var sync = await client.SyncLdapDirectoryAsync(organisation.Id, ct);
            string[] lines =
            [
                $"users-added: {sync.UsersAdded}",
                $"users-updated: {sync.UsersUpdated}",
                $"users-disabled: {sync.UsersDisabled}",
                $"groups-added: {sync.GroupsAdded}",
                $"groups-updated: {sync.GroupsUpdated}",
                $"groups-removed: {sync.GroupsRemoved}",
                $"memberships-added: {sync.MembershipsAdded}",
                $"memberships-removed: {sync.MembershipsRemoved}",
                $"skipped: {sync.Skipped.Count}",
                .. sync.Skipped.Select(s => $"skip: {s.Dn}\t{s.Reason}"),
            ];
            foreach (var line in lines)
            {
                await context.Out.WriteLineAsync(line);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string> Required(string name, string description, string helpName) =>
        new(name) { Description = description, Required = true, HelpName = helpName };

    private static Option<string> Optional(string name, string description, string helpName) =>
        new(name) { Description = description, HelpName = helpName };

    private static async Task WriteAsync(CliContext context, TenantSummary organisation, LdapDirectorySettings d)
    {
        string[] lines =
        [
            $"tenant: {d.TenantId}",
            $"organisation: {organisation.Name}",
            $"server: {d.ServerUrl}",
            $"bind-dn: {d.BindDn}",
            $"bind-password: {(d.HasBindPassword ? "stored" : "not stored")}",
            $"base-dn: {d.BaseDn}",
            $"user-filter: {d.UserFilter}",
            $"group-filter: {d.GroupFilter}",
            $"disabled-filter: {d.DisabledFilter ?? "none"}",
            $"id-attribute: {d.IdAttribute}",
            $"mail-attribute: {d.MailAttribute}",
            $"display-name-attribute: {d.DisplayNameAttribute}",
            $"member-attribute: {d.MemberAttribute}",
            $"sync-interval: {(d.SyncIntervalMinutes == 0 ? "0 (on demand only)" : d.SyncIntervalMinutes.ToString(CultureInfo.InvariantCulture))}",
            $"last-sync: {d.LastSyncAt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "never"}",
            $"last-sync-result: {d.LastSyncResult ?? "none"}",
        ];
        foreach (var line in lines)
        {
            await context.Out.WriteLineAsync(line);
        }
    }
}
