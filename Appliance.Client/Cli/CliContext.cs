using System.Text;
using Appliance.Client.Profiles;
using Appliance.Client.Sdk;
using Appliance.Crypto.Protocol;
using Spectre.Console;

namespace Appliance.Client.Cli;

/// <summary>What every command of one `rms` run shares: the environment, text output and the profile.</summary>
internal sealed class CliContext : IDisposable
{
    private IAnsiConsole? _console;

    public CliContext(RmsCliEnvironment environment)
    {
        Environment = environment;
        Out = new StreamWriter(environment.Out, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 4096, leaveOpen: true)
        {
            AutoFlush = true,
        };
        Profiles = new ProfileStore(environment.Home);
    }

    public RmsCliEnvironment Environment { get; }

    /// <summary>Standard output as text (flushed on every write, so it can be mixed with raw bytes).</summary>
    public TextWriter Out { get; }

    public TextWriter Error => Environment.Error;

    public ProfileStore Profiles { get; }

    /// <summary>Spectre.Console over standard output, for tables when it is a terminal.</summary>
    public IAnsiConsole Console => _console ??= AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Out),
        Ansi = Environment.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = Environment.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });

    public StoredProfile RequireProfile() =>
        Profiles.LoadProfile()
        ?? throw new RmsException(ProblemCodes.Unauthenticated, "you are not signed in; run rms login --server URL --user NAME --password-stdin");

    /// <summary>
    /// A client for the stored profile, which saves refreshed tokens and identities as they change, and keeps a
    /// bootstrapped user's use licences in the profile for offline use.
    /// </summary>
    public RmsClient CreateClient(StoredProfile profile, RmsIdentity? identity, ExternalIdentity? external = null)
    {
        var client = new RmsClient(new RmsClientOptions
        {
            Server = new Uri(profile.Server),
            Handler = Environment.Handler,
            Tokens = profile.Tokens,
            Identity = identity,
            External = external,
            TimeProvider = Environment.Clock,
            LicenseCache = identity is null ? null : Profiles.Licenses,
        });
        PersistChanges(client, profile);
        return client;
    }

    /// <summary>From now on, saves the client's new tokens into <paramref name="profile"/> and its new identity.</summary>
    public void PersistChanges(RmsClient client, StoredProfile profile)
    {
        var current = profile;
        client.TokensChanged += (_, tokens) =>
        {
            current = current.WithTokens(tokens);
            Profiles.SaveProfile(current);
        };
        client.IdentityChanged += (_, changed) => Profiles.SaveIdentity(changed);
    }

    /// <summary>A client for the signed-in user, with the identity from the last bootstrap (or an external recipient's device key).</summary>
    public RmsClient CreateSignedInClient()
    {
        var profile = RequireProfile();
        if (profile.IsExternal || profile.IsService)
        {
            var key = Profiles.LoadDeviceKey()
                ?? throw new RmsException(ClientErrorCodes.NoIdentity, profile.IsService
                    ? "this device has no key for the service; run rms login --client-id again"
                    : "this device has no key for your address; run rms login --email-code again");
            return CreateClient(profile, identity: null, new ExternalIdentity(profile.User, key));
        }

        return CreateClient(profile, Profiles.LoadIdentity());
    }

    /// <summary>Stops a command an external recipient cannot run, before anything is sent.</summary>
    public void RefuseExternal()
    {
        switch (Profiles.LoadProfile())
        {
            case { IsExternal: true }:
                throw new RmsException(ProblemCodes.ExternalUser, RmsClient.CannotProtectSentence);
            case { IsService: true }:
                throw new RmsException(ProblemCodes.Forbidden, "a service can open the content it is authorised to read but cannot protect");
        }
    }

    /// <summary>The first line of standard input: where --password-stdin reads a password.</summary>
    public string ReadPassword() => ReadSecret("--password-stdin", "password");

    /// <summary>The first line of standard input, for an option such as --client-secret-stdin.</summary>
    public string ReadSecret(string option, string what)
    {
        var line = Environment.In.ReadLine();
        if (string.IsNullOrEmpty(line))
        {
            throw new UsageException($"{option} found no {what} on standard input");
        }

        return line;
    }

    public void Dispose() => Out.Dispose();
}
