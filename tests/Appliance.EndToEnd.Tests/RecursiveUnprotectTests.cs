using System.Security.Cryptography;
using Appliance.Client.Cli;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.EndToEnd.Tests;

/// <summary>
/// Issue 5, point 5 (the client part): `rms unprotect --recursive DIR` against a real node on SoftHSM2. Alice's
/// folder tree holds her own documents and two of bob's, one she may only view and one not meant for her: hers come
/// out in plaintext beside them, bob's are refused one by one, and the walk goes on to the end.
/// </summary>
public sealed class RecursiveUnprotectTests : IAsyncLifetime
{
    private readonly ApplianceFactory _node = new(regions: ["emea"]);
    private readonly string _work = Directory.CreateTempSubdirectory("appliance-e2e-recursive-").FullName;
    private string _server = string.Empty;

    public async Task InitializeAsync()
    {
        _server = _node.BaseAddress.ToString().TrimEnd('/');
        await _node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            await _node.AddUserAsync($"{name}@contoso.test", $"password of {name} 123");
        }
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private async Task<RmsRunner> SignedInAsync(string name)
    {
        var rms = new RmsRunner(Path.Combine(_work, "home-" + name));
        (await rms.RunWithInputAsync($"password of {name} 123\n", "login", "--server", _server, "--user", $"{name}@contoso.test", "--password-stdin")).Succeeded();
        return rms;
    }

    /// <summary>Protects <paramref name="content"/> at <paramref name="relative"/> under the tree and leaves only the protected file.</summary>
    private static async Task ProtectAsync(RmsRunner owner, string tree, string relative, byte[] content, string grant)
    {
        var source = Path.Combine(tree, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        await File.WriteAllBytesAsync(source, content);
        (await owner.RunAsync("protect", source, "--grant", grant)).Succeeded();
        File.Delete(source);
    }

    [Fact]
    public async Task UnprotectRecursive_OwnersFilesAmongRefusedOnes_WritesEachReportsEachAndExitsThree()
    {
        // Arrange - three of alice's documents at three depths, a plaintext file, and two of bob's.
        var alice = await SignedInAsync("alice");
        var bob = await SignedInAsync("bob");
        var tree = Directory.CreateDirectory(Path.Combine(_work, "case-17")).FullName;
        var minutes = "board minutes\n"u8.ToArray();
        var contract = RandomNumberGenerator.GetBytes(600_000);
        var ledger = RandomNumberGenerator.GetBytes(1234);
        await ProtectAsync(alice, tree, "minutes.txt", minutes, "bob@contoso.test=VIEW");
        await ProtectAsync(alice, tree, Path.Combine("legal", "contract.pdf"), contract, "carol@contoso.test=VIEW,EXPORT");
        await ProtectAsync(alice, tree, Path.Combine("legal", "2024", "ledger.xlsx"), ledger, "bob@contoso.test=EDIT");
        await ProtectAsync(bob, tree, Path.Combine("legal", "bob-view-only.txt"), "bob's notes"u8.ToArray(), "alice@contoso.test=VIEW");
        await ProtectAsync(bob, tree, Path.Combine("hr", "for-carol.txt"), "carol's review"u8.ToArray(), "carol@contoso.test=VIEW,EXPORT");
        await File.WriteAllTextAsync(Path.Combine(tree, "readme.md"), "not protected");

        // Act
        var result = await alice.RunAsync("unprotect", "--recursive", tree);
        var export = Path.Combine(_work, "export");
        var intoFolder = await alice.RunAsync("unprotect", "--recursive", tree, "-o", export);

        // Assert - alice's three in plaintext beside them, bob's two refused with their reasons, the rest untouched.
        Assert.Equal(ExitCodes.AccessDenied, result.ExitCode);
        Assert.Equal(minutes, await File.ReadAllBytesAsync(Path.Combine(tree, "minutes.txt")));
        Assert.Equal(contract, await File.ReadAllBytesAsync(Path.Combine(tree, "legal", "contract.pdf")));
        Assert.Equal(ledger, await File.ReadAllBytesAsync(Path.Combine(tree, "legal", "2024", "ledger.xlsx")));
        Assert.False(File.Exists(Path.Combine(tree, "legal", "bob-view-only.txt")));
        Assert.False(File.Exists(Path.Combine(tree, "hr", "for-carol.txt")));
        Assert.Equal("not protected", await File.ReadAllTextAsync(Path.Combine(tree, "readme.md")));
        Assert.Empty(Directory.GetFiles(tree, "*.tmp", SearchOption.AllDirectories));

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"unprotected {Path.Combine(tree, "legal", "2024", "ledger.xlsx.pfile")} -> {Path.Combine(tree, "legal", "2024", "ledger.xlsx")}", lines);
        Assert.Contains($"refused {Path.Combine(tree, "legal", "bob-view-only.ptxt")}: you hold VIEW but unprotect needs EXPORT or OWNER", lines);
        Assert.Contains(lines, l => l.StartsWith($"refused {Path.Combine(tree, "hr", "for-carol.ptxt")}: ", StringComparison.Ordinal)
            && l.Contains("alice@contoso.test has no rights to this document", StringComparison.Ordinal));
        Assert.Equal("3 unprotected, 2 refused, 0 skipped, 0 failed", lines[^1]);
        Assert.Equal(6, lines.Length);
        Assert.Empty(result.Stderr);

        // With -o, the same relative paths under the new folder, which only alice may enter.
        Assert.Equal(ExitCodes.AccessDenied, intoFolder.ExitCode);
        Assert.Equal("3 unprotected, 2 refused, 0 skipped, 0 failed", intoFolder.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.Equal(contract, await File.ReadAllBytesAsync(Path.Combine(export, "legal", "contract.pdf")));
        Assert.Equal(ledger, await File.ReadAllBytesAsync(Path.Combine(export, "legal", "2024", "ledger.xlsx")));
        Assert.Equal(3, Directory.GetFiles(export, "*", SearchOption.AllDirectories).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(export));

        // The node refused the document not meant for alice, once per run, and logged it against bob's document.
        var denials = await _node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.RequestType == "AcquireLicense" && e.UserEmail == "alice@contoso.test" && e.Result == UsageResult.Denied)
            .ToListAsync());
        Assert.Equal(2, denials.Count);
        Assert.All(denials, d => Assert.Equal("for-carol.txt", d.FileName));
    }
}
