using System.CommandLine;
using Appliance.Client.Cli;
using Spectre.Console;

namespace Appliance.Client.Commands;

/// <summary>`rms admin user list`: a table on a terminal, one tab-separated line per user otherwise.</summary>
internal static class AdminUserListCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("list", "List users");
        command.SetAction((_, ct) => RunAsync(context, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CancellationToken ct)
    {
        using var client = context.CreateClient(context.RequireProfile(), identity: null);
        var users = await client.ListUsersAsync(ct);
        if (context.Environment.IsTerminal)
        {
            var table = new Table().AddColumns("E-mail", "Display name", "Role", "Tenant");
            foreach (var user in users)
            {
                table.AddRow(
                    Markup.Escape(user.Email),
                    Markup.Escape(user.DisplayName ?? string.Empty),
                    user.IsAdmin ? "admin" : "user",
                    user.TenantId?.ToString() ?? "-");
            }

            context.Console.Write(table);
        }
        else
        {
            foreach (var user in users)
            {
                await context.Out.WriteLineAsync(
                    $"{user.Email}\t{user.DisplayName ?? string.Empty}\t{(user.IsAdmin ? "admin" : "user")}\t{user.TenantId?.ToString() ?? "-"}");
            }
        }

        return ExitCodes.Success;
    }
}
