using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Commands;

/// <summary>`rms admin user add EMAIL --password-stdin [--admin] [--display-name NAME]`.</summary>
internal static class AdminUserAddCommand
{
    public static Command Create(CliContext context)
    {
        var email = new Argument<string>("EMAIL") { Description = "The new user's e-mail address" };
        var passwordStdin = RequiredFlag.Create("--password-stdin", "Read the new user's password from the first line of standard input");
        var admin = new Option<bool>("--admin") { Description = "Make the user an administrator" };
        var displayName = new Option<string>("--display-name") { Description = "The user's display name", HelpName = "NAME" };

        var command = new Command("add", "Create a user") { email, passwordStdin, admin, displayName };
        RequiredFlag.Require(command, passwordStdin);
        command.SetAction((result, ct) => RunAsync(context, result.GetValue(email)!, result.GetValue(admin), result.GetValue(displayName), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string email, bool isAdmin, string? displayName, CancellationToken ct)
    {
        if (!email.Contains('@', StringComparison.Ordinal))
        {
            throw new UsageException($"'{email}' is not an e-mail address");
        }

        var password = context.ReadPassword();
        using var client = context.CreateClient(context.RequireProfile(), identity: null);
        var user = await client.CreateUserAsync(new CreateUserRequest(email.Trim(), password, isAdmin, displayName), ct);
        await context.Out.WriteLineAsync($"Created {(user.IsAdmin ? "administrator" : "user")} {user.Email} ({user.Id}).");
        return ExitCodes.Success;
    }
}
