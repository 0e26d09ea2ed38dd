using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms admin group add EMAIL [--display-name NAME]`, `rms admin group list`,
/// `rms admin group member list GROUP`, `rms admin group member add|remove GROUP MEMBER`: groups are principals with an e-mail address, and
/// a member is a user or another group.
/// </summary>
internal static class AdminGroupCommand
{
    public static Command Create(CliContext context)
    {
        var member = new Command("member", "Manage the members of a group")
        {
            MemberListCommand(context),
            MemberCommand(context, "add", "Add a user or a group to a group", (client, group, who, ct) => client.AddGroupMemberAsync(group, who, ct), "Added"),
            MemberCommand(context, "remove", "Remove a user or a group from a group", (client, group, who, ct) => client.RemoveGroupMemberAsync(group, who, ct), "Removed"),
        };
        return new Command("group", "Manage groups") { AddCommand(context), ListCommand(context), member };
    }

    private static Command AddCommand(CliContext context)
    {
        var email = new Argument<string>("EMAIL") { Description = "The group's e-mail address, such as sales@contoso.com" };
        var displayName = new Option<string>("--display-name") { Description = "The group's display name", HelpName = "NAME" };
        var command = new Command("add", "Create a group") { email, displayName };
        command.SetAction(async (result, ct) =>
        {
            var address = RequireEmail(result.GetValue(email)!);
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            var group = await client.CreateGroupAsync(new CreateGroupRequest(address, result.GetValue(displayName)), ct);
            await context.Out.WriteLineAsync($"Created group {group.Email} ({group.Id}).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListCommand(CliContext context)
    {
        var command = new Command("list", "List groups");
        command.SetAction(async (_, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            foreach (var group in await client.ListGroupsAsync(ct))
            {
                await context.Out.WriteLineAsync($"{group.Email}\t{group.DisplayName ?? string.Empty}\t{group.TenantId}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command MemberListCommand(CliContext context)
    {
        var group = new Argument<string>("GROUP") { Description = "The group's e-mail address" };
        var command = new Command("list", "List a group's direct members (EMAIL, user or group, display name)") { group };
        command.SetAction(async (result, ct) =>
        {
            var groupAddress = RequireEmail(result.GetValue(group)!);
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            foreach (var who in await client.ListGroupMembersAsync(groupAddress, ct))
            {
                await context.Out.WriteLineAsync($"{who.Email}\t{(who.IsGroup ? "group" : "user")}\t{who.DisplayName ?? string.Empty}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command MemberCommand(
        CliContext context, string name, string description, Func<Sdk.RmsClient, string, string, CancellationToken, Task> change, string done)
    {
        var group = new Argument<string>("GROUP") { Description = "The group's e-mail address" };
        var who = new Argument<string>("MEMBER") { Description = "The e-mail address of a user or a group" };
        var command = new Command(name, description) { group, who };
        command.SetAction(async (result, ct) =>
        {
            var groupAddress = RequireEmail(result.GetValue(group)!);
            var memberAddress = RequireEmail(result.GetValue(who)!);
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            await change(client, groupAddress, memberAddress, ct);
            await context.Out.WriteLineAsync($"{done} {memberAddress} {(name == "add" ? "to" : "from")} {groupAddress}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string RequireEmail(string value) =>
        value.Contains('@', StringComparison.Ordinal) ? value.Trim() : throw new UsageException($"'{value}' is not an e-mail address");
}
