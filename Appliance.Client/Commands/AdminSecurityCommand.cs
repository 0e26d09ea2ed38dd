using System.CommandLine;
using System.Globalization;
using Appliance.Client.Cli;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Commands;

/// <summary>`rms admin security show` and `rms admin security set --require-admin-2fa on|off`: the appliance-wide security policy.</summary>
internal static class AdminSecurityCommand
{
    public static Command Create(CliContext context) =>
        new("security", "Show or change the appliance-wide security policy") { ShowCommand(context), SetCommand(context) };

    private static Command ShowCommand(CliContext context)
    {
        var command = new Command("show", "Show the security policy");
        command.SetAction(async (_, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            await WriteAsync(context, await client.GetSecurityPolicyAsync(ct));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command SetCommand(CliContext context)
    {
        var requireTwoFactor = new Option<string>("--require-admin-2fa")
        {
            Description = "Whether everyone holding a role must sign in with a second factor",
            Required = true,
            HelpName = "on|off",
        };
        requireTwoFactor.AcceptOnlyFromAmong("on", "off");
        var command = new Command("set", "Change the security policy") { requireTwoFactor };
        command.SetAction(async (result, ct) =>
        {
            var on = result.GetValue(requireTwoFactor) == "on";
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            await WriteAsync(context, await client.SetSecurityPolicyAsync(new SecurityPolicyRequest(on), ct));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(CliContext context, SecurityPolicy policy)
    {
        await context.Out.WriteLineAsync($"require-admin-2fa: {(policy.RequireAdministratorTwoFactor ? "on" : "off")}");
        await context.Out.WriteLineAsync($"updated: {policy.UpdatedAt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "never"}");
    }
}
