using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Client.Profiles;
using Appliance.Client.Sdk;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Commands;

/// <summary>`rms login --server URL --user NAME --password-stdin`: sign in and bootstrap this device.</summary>
internal static class LoginCommand
{
    public static Command Create(CliContext context)
    {
        var server = new Option<string>("--server") { Description = "The appliance's address, for example https://rms.contoso.test", Required = true, HelpName = "URL" };
        var user = new Option<string>("--user") { Description = "Your user name (e-mail address)", Required = true, HelpName = "NAME" };
        var passwordStdin = RequiredFlag.Create("--password-stdin", "Read the password from the first line of standard input");

        var command = new Command("login", "Sign in to the appliance and fetch your user keys") { server, user, passwordStdin };
        RequiredFlag.Require(command, passwordStdin);
        command.SetAction((result, ct) => RunAsync(context, result.GetValue(server)!, result.GetValue(user)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string serverText, string userName, CancellationToken ct)
    {
        var server = ParseServer(serverText);
        if (string.IsNullOrWhiteSpace(userName))
        {
            throw new UsageException("--user must name a user");
        }

        var password = context.ReadPassword();

        using var client = new RmsClient(new RmsClientOptions { Server = server, Handler = context.Environment.Handler });
        var tokens = await client.LoginAsync(userName.Trim(), password, ct);

        // Signing in replaces whoever was signed in before, keys included; a failed sign-in replaced nothing.
        context.Profiles.Clear();
        var profile = new StoredProfile(server.AbsoluteUri, userName.Trim(), null, null, null).WithTokens(tokens);
        context.Profiles.SaveProfile(profile);
        context.PersistChanges(client, profile);

        try
        {
            var identity = await client.BootstrapAsync(ct);
            await context.Out.WriteLineAsync($"Signed in to {server} as {client.UserEmail} ({identity.Tenant.Name}).");
        }
        catch (RmsApiException ex) when (ex.Code is ProblemCodes.TenantNotActivated or ProblemCodes.NotBootstrapped)
        {
            // An appliance admin outside any tenant: keep the tokens, there are no user keys to fetch.
            await context.Out.WriteLineAsync($"Signed in to {server} as {profile.User} (no organisation: administration only).");
        }

        return ExitCodes.Success;
    }

    private static Uri ParseServer(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new UsageException($"--server '{text}' is not an http or https address");
        }

        return uri;
    }
}
