using System.CommandLine;
using Appliance.Client.Cli;

namespace Appliance.Client.Commands;

/// <summary>`rms admin user lock EMAIL` and `rms admin user unlock EMAIL`.</summary>
internal static class AdminUserLockCommand
{
    public static Command Create(CliContext context, bool locks)
    {
        var account = new Argument<string>("EMAIL") { Description = "The user's e-mail address or user name" };
        var command = locks
            ? new Command("lock", "Lock an account until it is unlocked: no sign-in, token refresh or licence meanwhile") { account }
            : new Command("unlock", "Unlock an account an administrator locked") { account };
        command.SetAction((result, ct) => RunAsync(context, result.GetValue(account)!, locks, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string account, bool locks, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(account))
        {
            throw new UsageException("EMAIL must name a user");
        }

        using var client = context.CreateClient(context.RequireProfile(), identity: null);
        if (locks)
        {
            await client.LockUserAsync(account.Trim(), ct);
        }
        else
        {
            await client.UnlockUserAsync(account.Trim(), ct);
        }

        await context.Out.WriteLineAsync($"{account.Trim()} is {(locks ? "locked" : "unlocked")}.");
        return ExitCodes.Success;
    }
}
