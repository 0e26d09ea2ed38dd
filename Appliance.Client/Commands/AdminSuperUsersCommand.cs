using System.CommandLine;
using System.Globalization;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms admin super-users show|on|off|add|remove [--tenant ...]`: the portal's super users page for scripts, such as
/// an eDiscovery run that turns the feature on, runs `rms unprotect --recursive` as a member, and turns it off again.
/// </summary>
internal static class AdminSuperUsersCommand
{
    public static Command Create(CliContext context) =>
        new("super-users", "Show, turn on or off, and choose an organisation's super users")
        {
            Simple(context, "show", "Show whether super users are on, and the members", (c, t, ct) => c.GetSuperUsersAsync(t, ct)),
            Simple(context, "on", "Turn super users on (members get every right on all content)", (c, t, ct) => c.SetSuperUsersEnabledAsync(t, true, ct)),
            Simple(context, "off", "Turn super users off", (c, t, ct) => c.SetSuperUsersEnabledAsync(t, false, ct)),
            MemberCommand(context, "add", "Make a user or a group (every member) super users"),
            MemberCommand(context, "remove", "Remove a super user or group"),
        };

    private static Command Simple(
        CliContext context, string name, string description, Func<RmsClient, Guid, CancellationToken, Task<SuperUserSettings>> call)
    {
        var tenantOption = AdminTenantOption.Create();
        var command = new Command(name, description) { tenantOption };
        command.SetAction(async (result, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            var tenant = await AdminTenantOption.ResolveAsync(client, result.GetValue(tenantOption), ct);
            var settings = await call(client, tenant.Id, ct);
            await context.Out.WriteLineAsync($"super-users: {(settings.Enabled ? "on" : "off")}");
            foreach (var member in settings.Members)
            {
                var added = member.AddedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                await context.Out.WriteLineAsync($"member: {member.Principal}\t{(member.IsGroup ? "group" : "user")}\t{added}\t{member.AddedBy}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command MemberCommand(CliContext context, string name, string description)
    {
        var tenantOption = AdminTenantOption.Create();
        var principal = new Argument<string>("EMAIL") { Description = "The user's or the group's e-mail address" };
        var command = new Command(name, description) { principal, tenantOption };
        command.SetAction(async (result, ct) =>
        {
            var address = result.GetValue(principal)!.Trim();
            if (!address.Contains('@', StringComparison.Ordinal))
            {
                throw new UsageException($"'{address}' is not an e-mail address");
            }

            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            var tenant = await AdminTenantOption.ResolveAsync(client, result.GetValue(tenantOption), ct);
            if (name == "add")
            {
                var member = await client.AddSuperUserAsync(tenant.Id, address, ct);
                await context.Out.WriteLineAsync($"{member.Principal} is a super user{(member.IsGroup ? " group" : string.Empty)} of {tenant.Name}.");
            }
            else
            {
                await client.RemoveSuperUserAsync(tenant.Id, address, ct);
                await context.Out.WriteLineAsync($"{address.ToLowerInvariant()} is no longer a super user of {tenant.Name}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
