using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Appliance.Client.Cli;
using Appliance.Client.Profiles;
using Appliance.Client.Sdk;
using Appliance.Data.Usage;
using Appliance.TestSupport.Mail;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.EndToEnd.Tests;

/// <summary>
/// Issue 3, point 4, through the real <c>rms</c>: alice shares a file with an address outside every
/// organisation; that person signs in with the code the appliance mails to a real SMTP sink, opens that
/// file and nothing else, and cannot protect.
/// </summary>
public sealed partial class ExternalRecipientTests : IAsyncLifetime
{
    private const string AlicePassword = "password of alice 123";

    private readonly string _work = Directory.CreateTempSubdirectory("appliance-e2e-").FullName;
    private SmtpSinkServer _sink = null!;
    private ApplianceFactory _node = null!;
    private string _server = string.Empty;

    public async Task InitializeAsync()
    {
        _sink = await SmtpSinkServer.StartAsync();
        _node = new ApplianceFactory(regions: ["na"], settings: new Dictionary<string, string?>(_sink.ApplianceSettings));
        _server = _node.BaseAddress.ToString().TrimEnd('/');
        await _node.ActivateTenantAsync("Contoso", "na", "contoso.test");
        await _node.AddUserAsync("alice@contoso.test", AlicePassword);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _sink.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private RmsRunner Person(string name) => new(Path.Combine(_work, "home-" + name));

    /// <summary>`rms login --email-code ADDRESS`, typing whatever <paramref name="type"/> makes of the code in the mail.</summary>
    private async Task<RmsResult> LoginWithMailedCodeAsync(RmsRunner rms, string address, Func<string, string>? type = null)
    {
        var before = _sink.MessagesTo(address).Count;
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        using var keyboard = new MailboxReader(async ct =>
        {
            var mail = await _sink.WaitForMessageAsync(address, before + 1);
            var code = CodePattern().Match(mail.TextBody ?? string.Empty);
            Assert.True(code.Success, $"no 8-digit code in the mail: {mail.TextBody}");
            return (type ?? (c => c))(code.Value);
        });
        var env = new RmsCliEnvironment { Home = rms.Home, In = keyboard, Out = stdout, Error = stderr };
        var exit = await RmsCli.RunAsync(["login", "--server", _server, "--email-code", address], env);
        return new RmsResult(exit, stdout.ToArray(), stderr.ToString());
    }

    private async Task<(string Shared, string NotShared, byte[] Original)> AliceSharesAsync(string external)
    {
        var alice = Person("alice");
        (await alice.RunWithInputAsync(AlicePassword + "\n", "login", "--server", _server, "--user", "alice@contoso.test", "--password-stdin")).Succeeded();
        var original = RandomNumberGenerator.GetBytes(200_000);
        "%PDF-1.7\n"u8.CopyTo(original);
        await File.WriteAllBytesAsync(Path.Combine(_work, "offer.pdf"), original);
        await File.WriteAllBytesAsync(Path.Combine(_work, "internal.pdf"), original);
        (await alice.RunAsync("protect", Path.Combine(_work, "offer.pdf"), "--grant", $"{external}=VIEW")).Succeeded();
        (await alice.RunAsync("protect", Path.Combine(_work, "internal.pdf"), "--grant", "someone@fabrikam.test=VIEW,EXPORT")).Succeeded();
        return (Path.Combine(_work, "offer.ppdf"), Path.Combine(_work, "internal.ppdf"), original);
    }

    [Fact]
    public async Task EmailCode_SharedFile_OpensThatFileOnlyAndCannotProtect()
    {
        // Arrange
        const string external = "ext@fabrikam.test";
        var (shared, notShared, original) = await AliceSharesAsync(external);
        var ext = Person("ext");

        // Act - sign in with the mailed code, open both files, try to protect.
        var login = (await LoginWithMailedCodeAsync(ext, external)).Succeeded();
        var view = await ext.RunAsync("view", shared);
        var info = await ext.RunAsync("info", shared);
        var refusedCopy = Path.Combine(_work, "internal-ext.pdf");
        var refused = await ext.RunAsync("unprotect", notShared, "-o", refusedCopy);
        var refusedView = await ext.RunAsync("view", notShared);
        var protect = await ext.RunAsync("protect", Path.Combine(_work, "offer.pdf"), "-o", Path.Combine(_work, "ext.ppdf"), "--grant", "alice@contoso.test=VIEW");

        // Assert - signed in as an external recipient, with a device key and no user keys.
        Assert.Contains($"A sign-in code was sent to {external}", login.Stderr, StringComparison.Ordinal);
        var store = new ProfileStore(ext.Home);
        Assert.True(store.LoadProfile()!.IsExternal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.DeviceKeyPath));
        Assert.False(File.Exists(store.UserKeyPath));

        // The shared file opens to the very bytes alice protected.
        Assert.Equal(original, view.Succeeded().Stdout);
        Assert.Contains("your rights: VIEW", info.Succeeded().Output, StringComparison.Ordinal);

        // The other file is refused with one sentence and leaves nothing behind.
        Assert.Equal(ExitCodes.AccessDenied, refused.ExitCode);
        Assert.Equal($"{external} has no rights to this document.", refused.Stderr.Trim());
        Assert.False(File.Exists(refusedCopy));
        Assert.Empty(Directory.GetFiles(_work, "*.tmp*"));
        Assert.Equal(ExitCodes.AccessDenied, refusedView.ExitCode);
        Assert.Empty(refusedView.Stdout);

        // Protect is refused by rms itself.
        Assert.Equal(ExitCodes.AccessDenied, protect.ExitCode);
        Assert.Equal(RmsClient.CannotProtectSentence, protect.Stderr.Trim());
        Assert.False(File.Exists(Path.Combine(_work, "ext.ppdf")));

        // The appliance recorded the grant and the refusal under the recipient's address.
        var log = await _node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.RequestType == "AcquireLicense" && e.UserEmail == external).ToListAsync());
        Assert.Contains(log, e => e.Result == UsageResult.Granted && e.Rights == "VIEW" && e.FileName == "offer.pdf");
        Assert.Contains(log, e => e.Result == UsageResult.Denied && e.FileName == "internal.pdf");

        // The code was used once and is kept nowhere in the profile.
        var code = CodePattern().Match(_sink.MessagesTo(external)[^1].TextBody!).Value;
        foreach (var file in Directory.EnumerateFiles(ext.Home))
        {
            Assert.DoesNotContain(code, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EmailCode_WrongCode_ExitsFourWithOneSentenceAndNoProfile()
    {
        var ext = Person("wrong");

        var result = await LoginWithMailedCodeAsync(ext, "wrong@fabrikam.test", code => code == "00000000" ? "11111111" : "00000000");

        Assert.Equal(ExitCodes.Unauthenticated, result.ExitCode);
        var sentence = result.Stderr.Trim().Split('\n')[^1];
        Assert.StartsWith("The code is wrong; ", sentence, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(ext.Home, ProfileStore.ProfileFileName)));
        Assert.False(File.Exists(Path.Combine(ext.Home, ProfileStore.DeviceKeyFileName)));
    }

    [Fact]
    public async Task EmailCode_OrganisationAddress_ExitsTwoSendingNoMail()
    {
        var alice = Person("alice-by-code");

        var result = await alice.RunAsync("login", "--server", _server, "--email-code", "alice@contoso.test");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal(
            "alice@contoso.test belongs to an organisation on this appliance: sign in with your organisation account instead.",
            result.Stderr.Trim());
        Assert.Empty(_sink.MessagesTo("alice@contoso.test"));
    }

    [Fact]
    public async Task EmailCode_NoMailServer_ExitsOneSayingSo()
    {
        // Arrange - a node with no Appliance:Mail settings at all.
        await using var bare = new ApplianceFactory(regions: ["na"]);
        var ext = Person("bare");

        var result = await ext.RunAsync("login", "--server", bare.BaseAddress.ToString().TrimEnd('/'), "--email-code", "ext@fabrikam.test");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("no mail server configured", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(ext.Home, ProfileStore.ProfileFileName)));
    }

    [GeneratedRegex(@"\b\d{8}\b")]
    private static partial Regex CodePattern();

    /// <summary>Standard input whose first line is typed only once the mail has arrived, as a person would.</summary>
    private sealed class MailboxReader(Func<CancellationToken, Task<string>> type) : TextReader
    {
        private bool _typed;

        public override string? ReadLine() => ReadLineAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            if (_typed)
            {
                return null;
            }

            _typed = true;
            return await type(cancellationToken);
        }
    }
}
