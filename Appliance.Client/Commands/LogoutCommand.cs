using System.CommandLine;
using Appliance.Client.Cli;

namespace Appliance.Client.Commands;

/// <summary>`rms logout`: forget the tokens, certificates and private key kept on this device.</summary>
internal static class LogoutCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("logout", "Forget the tokens and keys kept on this device");
        command.SetAction(_ =>
        {
            var signedIn = context.Profiles.LoadProfile() is not null;
            context.Profiles.Clear();
            context.Out.WriteLine(signedIn ? "Signed out." : "Not signed in.");
            return ExitCodes.Success;
        });
        return command;
    }
}
