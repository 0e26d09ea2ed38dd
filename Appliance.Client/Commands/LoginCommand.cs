using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Client.Profiles;
using Appliance.Client.Sdk;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms login --server URL` and its ways to sign in: in a browser (the device flow, the default for
/// people), `--user NAME --password-stdin`, `--id-token-stdin` with an ID token from an identity
/// provider the appliance trusts, `--client-id ID --client-secret-stdin` for a service, or
/// `--email-code ADDRESS` for an external recipient (see <see cref="ExternalLogin"/>).
/// </summary>
internal static class LoginCommand
{
    public static Command Create(CliContext context)
    {
        var server = new Option<string>("--server") { Description = "The appliance's address, for example https://rms.contoso.test", Required = true, HelpName = "URL" };
        var user = new Option<string>("--user") { Description = "Sign in with a password: your user name (e-mail address)", HelpName = "NAME" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (with --user)" };
        var clientId = new Option<string>("--client-id") { Description = "Sign a service in: its client id (svc-...)", HelpName = "ID" };
        var secretStdin = new Option<bool>("--client-secret-stdin") { Description = "Read the service's client secret from the first line of standard input (with --client-id)" };
        var idTokenStdin = new Option<bool>("--id-token-stdin")
        {
            Description = "Read an ID token from your organisation's identity provider (AD FS, Entra ID, Keycloak) from standard input",
        };
        var emailCode = new Option<string>("--email-code")
        {
            Description = "Sign in as an external recipient: the appliance e-mails a one-time code to this address; type it on standard input",
            HelpName = "ADDRESS",
        };

        var command = new Command("login", "Sign in to the appliance and fetch your user keys. Without --user or --client-id, sign in with a browser.")
        {
            server, user, passwordStdin, clientId, secretStdin, idTokenStdin, emailCode,
        };
        command.Validators.Add(result =>
        {
            var byPassword = result.GetResult(user) is not null;
            var byService = result.GetResult(clientId) is not null;
            var hasPassword = result.GetValue(passwordStdin);
            var hasSecret = result.GetValue(secretStdin);
            var byIdToken = result.GetValue(idTokenStdin);
            var byEmailCode = result.GetResult(emailCode) is not null;
            if ((byPassword ? 1 : 0) + (byService ? 1 : 0) + (byIdToken ? 1 : 0) > 1)
            {
                result.AddError("Give only one of --user, --client-id and --id-token-stdin.");
            }
            else if (byEmailCode && (byPassword || byService || byIdToken || hasPassword || hasSecret))
            {
                result.AddError("--email-code goes alone: give none of --user, --client-id, --id-token-stdin, --password-stdin and --client-secret-stdin with it.");
            }
            else if (byPassword != hasPassword)
            {
                result.AddError("--user and --password-stdin go together.");
            }
            else if (byService != hasSecret)
            {
                result.AddError("--client-id and --client-secret-stdin go together.");
            }
        });
        command.SetAction((result, ct) =>
        {
            var serverUri = ParseServer(result.GetValue(server)!);
            if (result.GetValue(clientId) is { } id)
            {
                return ServiceAsync(context, serverUri, id, ct);
            }

            if (result.GetValue(emailCode) is { } address)
            {
                return ExternalLogin.RunAsync(context, serverUri, address, ct);
            }

            if (result.GetValue(idTokenStdin))
            {
                return PersonAsync(context, serverUri, null, (client, token) => client.LoginWithIdTokenAsync(context.ReadSecret("--id-token-stdin", "token").Trim(), token), ct);
            }

            return result.GetValue(user) is { } name
                ? PersonAsync(context, serverUri, name, (client, token) => client.LoginAsync(name.Trim(), context.ReadPassword(), token), ct)
                : PersonAsync(context, serverUri, null, (client, token) => client.LoginWithDeviceAsync((authorization, t) => ShowAsync(context, authorization, t), token), ct);
        });
        return command;
    }

    private static async Task<int> PersonAsync(
        CliContext context, Uri server, string? userName, Func<RmsClient, CancellationToken, Task<TokenSet>> signIn, CancellationToken ct)
    {
        if (userName is not null && string.IsNullOrWhiteSpace(userName))
        {
            throw new UsageException("--user must name a user");
        }

        using var client = new RmsClient(new RmsClientOptions { Server = server, Handler = context.Environment.Handler, TimeProvider = context.Environment.Clock });
        var tokens = await signIn(client, ct);

        // Signing in replaces whoever was signed in before, keys included; a failed sign-in replaced nothing.
        context.Profiles.Clear();
        var profile = new StoredProfile(server.AbsoluteUri, userName?.Trim() ?? string.Empty, null, null, null).WithTokens(tokens);
        context.Profiles.SaveProfile(profile);
        context.PersistChanges(client, profile);

        try
        {
            var identity = await client.BootstrapAsync(ct);
            if (userName is null)
            {
                // Signed in through a browser: the certificate says who this is.
                context.Profiles.SaveProfile(profile.WithTokens(client.Tokens) with { User = client.UserEmail ?? string.Empty });
            }

            await context.Out.WriteLineAsync($"Signed in to {server} as {client.UserEmail} ({identity.Tenant.Name}).");
        }
        catch (RmsApiException ex) when (ex.Code is ProblemCodes.TenantNotActivated or ProblemCodes.NotBootstrapped)
        {
            // An appliance admin outside any tenant: keep the tokens, there are no user keys to fetch.
            await context.Out.WriteLineAsync($"Signed in to {server} as {(userName is null ? "an administrator" : profile.User)} (no organisation: administration only).");
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// A service gets a 30-minute access token and no refresh token; its secret is never stored, so
    /// an automation signs in again at the start of each run.
    /// </summary>
    private static async Task<int> ServiceAsync(CliContext context, Uri server, string clientId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            throw new UsageException("--client-id must name a service");
        }

        var secret = context.ReadSecret("--client-secret-stdin", "client secret");
        using var client = new RmsClient(new RmsClientOptions { Server = server, Handler = context.Environment.Handler, TimeProvider = context.Environment.Clock });
        var tokens = await client.LoginWithClientCredentialsAsync(clientId.Trim(), secret, ct);
        // A service has no bootstrap: licences of the content it may read are wrapped to a key made here.
        var device = ExternalIdentity.Generate(clientId.Trim());
        context.Profiles.Clear();
        context.Profiles.SaveDeviceKey(device.DevicePrivateKey);
        context.Profiles.SaveProfile(new StoredProfile(server.AbsoluteUri, clientId.Trim(), null, null, null, IsService: true).WithTokens(tokens));
        await context.Out.WriteLineAsync($"Signed in to {server} as the service {clientId.Trim()} until {tokens.ExpiresAt.ToLocalTime():t}.");
        return ExitCodes.Success;
    }

    // On standard error, so that standard output stays the command's result.
    private static async Task ShowAsync(CliContext context, DeviceAuthorization authorization, CancellationToken ct)
    {
        var page = authorization.VerificationUriComplete ?? authorization.VerificationUri;
        await context.Error.WriteLineAsync($"To sign in, open {page} in a browser and check that it shows the code {authorization.UserCode}.");
        await context.Error.WriteLineAsync($"Waiting up to {(int)authorization.ExpiresIn.TotalMinutes} minutes for the sign-in (Ctrl+C to stop)...");
        await context.Error.FlushAsync(ct);
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
