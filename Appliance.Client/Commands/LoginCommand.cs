using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Client.Profiles;
using Appliance.Client.Sdk;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms login --server URL --user NAME --password-stdin`, or `rms login --server URL --id-token-stdin`
/// with an ID token from an external provider the appliance trusts: sign in and bootstrap this device.
/// </summary>
internal static class LoginCommand
{
    public static Command Create(CliContext context)
    {
        var server = new Option<string>("--server") { Description = "The appliance's address, for example https://rms.contoso.test", Required = true, HelpName = "URL" };
        var user = new Option<string>("--user") { Description = "Your user name (e-mail address); with --password-stdin", HelpName = "NAME" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input" };
        var idTokenStdin = new Option<bool>("--id-token-stdin")
        {
            Description = "Read an ID token from your organisation's identity provider (AD FS, Entra ID, Keycloak) from standard input instead",
        };

        var command = new Command("login", "Sign in to the appliance and fetch your user keys") { server, user, passwordStdin, idTokenStdin };
        command.Validators.Add(result =>
        {
            var withPassword = result.GetResult(passwordStdin) is { Implicit: false };
            var withIdToken = result.GetResult(idTokenStdin) is { Implicit: false };
            if (!withPassword && !withIdToken)
            {
                result.AddError("Option '--password-stdin' is required (or --id-token-stdin to sign in with your identity provider's ID token).");
            }
            else if (withPassword && withIdToken)
            {
                result.AddError("Give --password-stdin or --id-token-stdin, not both.");
            }
            else if (withPassword && result.GetResult(user) is null)
            {
                result.AddError("Option '--user' is required with --password-stdin.");
            }
        });
        command.SetAction((result, ct) => result.GetValue(idTokenStdin)
            ? RunWithIdTokenAsync(context, result.GetValue(server)!, ct)
            : RunAsync(context, result.GetValue(server)!, result.GetValue(user)!, ct));
        return command;
    }

    private static async Task<int> RunWithIdTokenAsync(CliContext context, string serverText, CancellationToken ct)
    {
        var server = ParseServer(serverText);
        var idToken = context.Environment.In.ReadLine()?.Trim();
        if (string.IsNullOrEmpty(idToken))
        {
            throw new UsageException("--id-token-stdin found no token on standard input");
        }

        using var client = new RmsClient(new RmsClientOptions { Server = server, Handler = context.Environment.Handler });
        var tokens = await client.LoginWithIdTokenAsync(idToken, ct);
        string signedIn;
        try
        {
            var identity = await client.BootstrapAsync(ct);
            signedIn = $"Signed in to {server} as {client.UserEmail} ({identity.Tenant.Name}).";
        }
        catch (RmsApiException ex) when (ex.Code is ProblemCodes.TenantNotActivated or ProblemCodes.NotBootstrapped)
        {
            signedIn = $"Signed in to {server} (no organisation: administration only).";
        }

        // Who signed in is known only from the bootstrap: the profile is written after it, keys included.
        context.Profiles.Clear();
        var profile = new StoredProfile(server.AbsoluteUri, client.UserEmail ?? "federated user", null, null, null).WithTokens(client.Tokens ?? tokens);
        context.Profiles.SaveProfile(profile);
        if (client.Identity is { } keys)
        {
            context.Profiles.SaveIdentity(keys);
        }

        await context.Out.WriteLineAsync(signedIn);
        return ExitCodes.Success;
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
