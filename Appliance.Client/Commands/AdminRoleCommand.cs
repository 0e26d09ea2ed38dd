using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms admin role list`, `rms admin role show [EMAIL]`, `rms admin role set EMAIL [ROLE ...] [--org DOMAIN ...]`: the
/// appliance roles and the organisations the roles other than Administrator are held for (global administrators only).
/// A change applies from the user's next request.
/// </summary>
internal static class AdminRoleCommand
{
    public static Command Create(CliContext context) =>
        new("role", "Manage the appliance roles") { ListCommand(context), ShowCommand(context), SetCommand(context) };

    private static Command ListCommand(CliContext context)
    {
        var command = new Command("list", "List the roles and what each allows");
        command.SetAction(async (_, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            foreach (var role in await client.ListRolesAsync(ct))
            {
                await context.Out.WriteLineAsync($"{role.Name}\t{role.Description}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ShowCommand(CliContext context)
    {
        var account = new Argument<string?>("EMAIL")
        {
            Description = "The user's e-mail address or user name; without it, every user who holds a role",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("show", "Show the roles a user holds, or who holds which role") { account };
        command.SetAction(async (result, ct) =>
        {
            var who = result.GetValue(account);
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            if (who is null)
            {
                foreach (var holder in await client.ListRoleAssignmentsAsync(ct))
                {
                    await context.Out.WriteLineAsync($"{holder.Email}\t{string.Join(',', holder.Roles)}{OrganisationsColumn(holder)}");
                }

                return ExitCodes.Success;
            }

            await WriteAsync(context, await client.GetUserRolesAsync(RequireAccount(who), ct));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command SetCommand(CliContext context)
    {
        var account = new Argument<string>("EMAIL") { Description = "The user's e-mail address or user name (admin for the first-start account)" };
        var roles = new Argument<string[]>("ROLE")
        {
            Description = "Every role the user should hold (rms admin role list names them); none makes them a plain user",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var organisations = new Option<string[]>("--org")
        {
            Description = "An organisation (domain or id) the roles other than Administrator are held for (repeatable or comma-separated; default: the user's own)",
            HelpName = "DOMAIN",
        };
        var command = new Command("set", "Replace the roles a user holds, and the organisations they are held for") { account, roles, organisations };
        command.SetAction(async (result, ct) =>
        {
            var who = RequireAccount(result.GetValue(account)!);
            // Names are checked by the appliance, whose answer lists the roles there are and names unknown organisations.
            string[] wanted = [.. Split(result.GetValue(roles))];
            string[] orgs = [.. Split(result.GetValue(organisations))];
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            await WriteAsync(context, await client.SetUserRolesAsync(who, wanted, orgs, ct));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(CliContext context, UserRoles user)
    {
        await context.Out.WriteLineAsync($"user: {user.Email}");
        await context.Out.WriteLineAsync($"tenant: {user.TenantId?.ToString() ?? "none"}");
        await context.Out.WriteLineAsync($"roles: {(user.Roles.Count == 0 ? "none" : string.Join(", ", user.Roles))}");
        var organisations = user.Organisations ?? [];
        await context.Out.WriteLineAsync($"organisations: {(organisations.Count > 0 ? string.Join(", ", organisations.Select(o => $"{o.Name} ({Label(o)})"))
            : user.Roles.Contains(Administrator) ? "all (Administrator is appliance-wide)" : "none")}");
    }

    private const string Administrator = "Administrator";

    /// <summary>
    /// The organisations as a third column, left out when they are the default (the user's own), as the admin log does:
    /// "none" for roles held for no organisation, which then reach nothing.
    /// </summary>
    private static string OrganisationsColumn(UserRoles holder)
    {
        var organisations = holder.Organisations ?? [];
        var scoped = holder.Roles.Any(r => r != Administrator);
        if (!scoped || (organisations.Count == 1 && organisations[0].Id == holder.TenantId))
        {
            return string.Empty;
        }

        return organisations.Count == 0 ? "\tnone" : $"\t{string.Join(',', organisations.Select(Label))}";
    }

    /// <summary>An organisation as `--org` takes it: its first domain, else its id.</summary>
    private static string Label(RoleOrganisation organisation) =>
        organisation.Domains is { Count: > 0 } domains ? domains[0] : organisation.Id.ToString();

    private static IEnumerable<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string RequireAccount(string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new UsageException("EMAIL must name a user") : value.Trim();
}
