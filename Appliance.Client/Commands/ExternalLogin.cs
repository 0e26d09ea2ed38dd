using System.Globalization;
using Appliance.Client.Cli;
using Appliance.Client.Profiles;
using Appliance.Client.Sdk;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms login --server URL --email-code ADDRESS`: an external recipient asks for a one-time code, types it
/// from the e-mail, and gets tokens and a key pair made on this device (there is no bootstrap for them).
/// </summary>
internal static class ExternalLogin
{
    public static async Task<int> RunAsync(CliContext context, Uri server, string address, CancellationToken ct)
    {
        var email = address.Trim();
        if (!LooksLikeEmail(email))
        {
            throw new UsageException($"--email-code '{address}' is not an e-mail address");
        }

        using var client = new RmsClient(new RmsClientOptions { Server = server, Handler = context.Environment.Handler, TimeProvider = context.Environment.Clock });
        var sent = await client.RequestEmailCodeAsync(email, ct);

        // On standard error, so that standard output stays the command's result.
        var until = sent.ExpiresAt.ToLocalTime().ToString("t", CultureInfo.CurrentCulture);
        await context.Error.WriteLineAsync($"A sign-in code was sent to {sent.Email}; it can be used until {until}.");
        await context.Error.WriteLineAsync("Type the code from the e-mail and press Enter:");
        await context.Error.FlushAsync(ct);
        var code = (await context.Environment.In.ReadLineAsync(ct))?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            throw new UsageException("--email-code found no code on standard input");
        }

        // SECURITY: the key is made before the sign-in but written only after it succeeded; the code itself is never kept.
        var device = ExternalIdentity.Generate(email);
        var tokens = await client.LoginWithEmailCodeAsync(email, code, device, ct);

        // Signing in replaces whoever was signed in before, keys included; a failed sign-in replaced nothing.
        context.Profiles.Clear();
        context.Profiles.SaveDeviceKey(device.DevicePrivateKey);
        context.Profiles.SaveProfile(new StoredProfile(server.AbsoluteUri, email, null, null, null, IsExternal: true).WithTokens(tokens));
        await context.Out.WriteLineAsync($"Signed in to {server} as {email} (external recipient: you can open documents shared with this address).");
        return ExitCodes.Success;
    }

    // Deliberately loose, as for --grant: the appliance decides which addresses may sign up.
    private static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == text.LastIndexOf('@') && at < text.Length - 1 && !text.Any(char.IsWhiteSpace);
    }
}
