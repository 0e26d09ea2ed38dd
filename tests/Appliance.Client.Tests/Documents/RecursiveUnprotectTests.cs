using Appliance.Client.Cli;
using Appliance.Client.Commands;
using Appliance.Client.Tests.Support;

namespace Appliance.Client.Tests.Documents;

/// <summary>
/// `rms unprotect --recursive DIR` against a fake appliance that answers with real licences: the walk, the
/// per-file outcomes and their lines, the summary and the exit code.
/// </summary>
public sealed class RecursiveUnprotectTests : IAsyncLifetime, IDisposable
{
    private const string Alice = "alice@contoso.test";
    private const string Bob = "bob@contoso.test";

    private readonly TempDirectory _temp = new();
    private FakeAppliance _appliance = null!;
    private readonly Dictionary<string, CliRunner> _people = [];

    public async Task InitializeAsync() => _appliance = await FakeAppliance.CreateAsync();

    public Task DisposeAsync()
    {
        _appliance.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _temp.Dispose();

    private string Docs => Directory.CreateDirectory(_temp.Combine("docs")).FullName;

    private async Task<CliRunner> PersonAsync(string user)
    {
        if (!_people.TryGetValue(user, out var runner))
        {
            runner = new CliRunner(_temp.Combine("homes", user), _appliance);
            (await runner.LoginAsync(user)).AssertSucceeded();
            _people[user] = runner;
        }

        return runner;
    }

    /// <summary>Writes <paramref name="relative"/> under docs, protects it beside itself as <paramref name="owner"/>, and deletes the plaintext.</summary>
    private async Task<string> ProtectAsync(string owner, string relative, string content, string grant = "carol@contoso.test=VIEW")
    {
        var source = Path.Combine(Docs, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        await File.WriteAllTextAsync(source, content);
        (await (await PersonAsync(owner)).RunAsync("protect", source, "--grant", grant)).AssertSucceeded();
        File.Delete(source);
        return Path.Combine(Path.GetDirectoryName(source)!, Crypto.Container.ProtectedFileNames.ProtectedName(Path.GetFileName(source)));
    }

    private static string[] Tree(string root) =>
        [.. Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(root, p)).Order(StringComparer.Ordinal)];

    private static string[] Lines(CliResult result) => result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private int LicenceRequests => _appliance.Requests.Count(r => r == "POST /api/v1/licenses");

    [Fact]
    public async Task Recursive_NestedFoldersMixedFiles_WritesEachPlaintextBesideItUnderItsOriginalName()
    {
        // Arrange - protected files three levels deep, among plaintext files that must be left alone.
        await ProtectAsync(Alice, "minutes.txt", "minutes");
        await ProtectAsync(Alice, Path.Combine("legal", "contract.pdf"), "%PDF contract");
        await ProtectAsync(Alice, Path.Combine("legal", "2024", "ledger.xlsx"), "ledger");
        await File.WriteAllTextAsync(Path.Combine(Docs, "readme.md"), "plain");
        await File.WriteAllTextAsync(Path.Combine(Docs, "legal", "photo.png"), "not protected");
        var alice = await PersonAsync(Alice);
        var requestsBefore = LicenceRequests;

        // Act
        var result = await alice.RunAsync("unprotect", "--recursive", Docs);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("minutes", await File.ReadAllTextAsync(Path.Combine(Docs, "minutes.txt")));
        Assert.Equal("%PDF contract", await File.ReadAllTextAsync(Path.Combine(Docs, "legal", "contract.pdf")));
        Assert.Equal("ledger", await File.ReadAllTextAsync(Path.Combine(Docs, "legal", "2024", "ledger.xlsx")));
        Assert.Equal("plain", await File.ReadAllTextAsync(Path.Combine(Docs, "readme.md")));
        Assert.Equal(
            [
                "legal", Path.Combine("legal", "2024"), Path.Combine("legal", "2024", "ledger.xlsx"), Path.Combine("legal", "2024", "ledger.xlsx.pfile"),
                Path.Combine("legal", "contract.pdf"), Path.Combine("legal", "contract.ppdf"), Path.Combine("legal", "photo.png"),
                "minutes.ptxt", "minutes.txt", "readme.md",
            ],
            Tree(Docs));
        Assert.Equal(
            [
                $"unprotected {Path.Combine(Docs, "minutes.ptxt")} -> {Path.Combine(Docs, "minutes.txt")}",
                $"unprotected {Path.Combine(Docs, "legal", "contract.ppdf")} -> {Path.Combine(Docs, "legal", "contract.pdf")}",
                $"unprotected {Path.Combine(Docs, "legal", "2024", "ledger.xlsx.pfile")} -> {Path.Combine(Docs, "legal", "2024", "ledger.xlsx")}",
                "3 unprotected, 0 refused, 0 skipped, 0 failed",
            ],
            Lines(result));
        Assert.Equal(3, LicenceRequests - requestsBefore);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Docs, "legal", "2024", "ledger.xlsx")));
        }
    }

    [Fact]
    public async Task Recursive_RefusedAmongGranted_ReportsEachGoesOnAndExitsThree()
    {
        // Arrange - bob's files: two alice may export, one she may only view, one she has no rights to at all.
        await ProtectAsync(Bob, "a-export.txt", "a", $"{Alice}=VIEW,EXPORT");
        await ProtectAsync(Bob, Path.Combine("b", "view-only.txt"), "b", $"{Alice}=VIEW");
        await ProtectAsync(Bob, Path.Combine("b", "c-owner-grant.txt"), "c", $"{Alice}=OWNER");
        await ProtectAsync(Bob, Path.Combine("d", "not-for-alice.txt"), "d", "carol@contoso.test=VIEW,EXPORT");
        var alice = await PersonAsync(Alice);

        // Act
        var result = await alice.RunAsync("unprotect", "--recursive", Docs);

        // Assert
        Assert.Equal(ExitCodes.AccessDenied, result.ExitCode);
        Assert.Equal("a", await File.ReadAllTextAsync(Path.Combine(Docs, "a-export.txt")));
        Assert.Equal("c", await File.ReadAllTextAsync(Path.Combine(Docs, "b", "c-owner-grant.txt")));
        Assert.False(File.Exists(Path.Combine(Docs, "b", "view-only.txt")));
        Assert.False(File.Exists(Path.Combine(Docs, "d", "not-for-alice.txt")));
        Assert.DoesNotContain(Tree(Docs), p => p.EndsWith(".tmp", StringComparison.Ordinal));
        var lines = Lines(result);
        Assert.Contains($"refused {Path.Combine(Docs, "b", "view-only.ptxt")}: you hold VIEW but unprotect needs EXPORT or OWNER", lines);
        Assert.Contains($"refused {Path.Combine(Docs, "d", "not-for-alice.ptxt")}: {Alice} has no rights to this document", lines);
        Assert.Equal("2 unprotected, 2 refused, 0 skipped, 0 failed", lines[^1]);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Recursive_TargetExists_SkippedWithoutAskingUnlessForced()
    {
        // Arrange
        await ProtectAsync(Alice, "kept.txt", "from the protected file");
        await ProtectAsync(Alice, "fresh.txt", "fresh");
        await File.WriteAllTextAsync(Path.Combine(Docs, "kept.txt"), "edited since");
        var alice = await PersonAsync(Alice);
        var requestsBefore = LicenceRequests;

        // Act
        var skipping = await alice.RunAsync("unprotect", "--recursive", Docs);
        var requestsWhileSkipping = LicenceRequests - requestsBefore;
        var keptAfterSkip = await File.ReadAllTextAsync(Path.Combine(Docs, "kept.txt"));
        var forced = await alice.RunAsync("unprotect", "--recursive", Docs, "--force");

        // Assert
        Assert.True(skipping.ExitCode == 0, skipping.ToString());
        Assert.Equal("edited since", keptAfterSkip);
        Assert.Equal(1, requestsWhileSkipping);
        Assert.Contains($"skipped {Path.Combine(Docs, "kept.ptxt")}: {Path.Combine(Docs, "kept.txt")} already exists; use --force to overwrite it", Lines(skipping));
        Assert.Equal("1 unprotected, 0 refused, 1 skipped, 0 failed", Lines(skipping)[^1]);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal("2 unprotected, 0 refused, 0 skipped, 0 failed", Lines(forced)[^1]);
        Assert.Equal("from the protected file", await File.ReadAllTextAsync(Path.Combine(Docs, "kept.txt")));
    }

    [Fact]
    public async Task Recursive_OutputFolder_KeepsRelativePathsInOwnerOnlyFolders()
    {
        // Arrange
        await ProtectAsync(Alice, "top.txt", "top");
        await ProtectAsync(Alice, Path.Combine("x", "y", "deep.txt"), "deep");
        var alice = await PersonAsync(Alice);
        var outDir = _temp.Combine("export", "case-17");
        var before = Tree(Docs);

        // Act
        var result = await alice.RunAsync("unprotect", "--recursive", Docs, "-o", outDir);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["top.txt", "x", Path.Combine("x", "y"), Path.Combine("x", "y", "deep.txt")], Tree(outDir));
        Assert.Equal("deep", await File.ReadAllTextAsync(Path.Combine(outDir, "x", "y", "deep.txt")));
        Assert.Equal(before, Tree(Docs));
        Assert.Contains($"unprotected {Path.Combine(Docs, "x", "y", "deep.ptxt")} -> {Path.Combine(outDir, "x", "y", "deep.txt")}", Lines(result));
        if (!OperatingSystem.IsWindows())
        {
            var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            Assert.Equal(ownerOnly, File.GetUnixFileMode(outDir));
            Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(outDir, "x", "y")));
        }
    }

    [Fact]
    public async Task Recursive_OutputFolderInsideTheWalk_IsNotWalkedAgain()
    {
        // Arrange - a second run into the same folder must not treat the first run's outputs as input.
        await ProtectAsync(Alice, "report.ptxt.txt", "a name that unprotects to another protected name");
        var alice = await PersonAsync(Alice);
        var outDir = Path.Combine(Docs, "out");
        (await alice.RunAsync("unprotect", "--recursive", Docs, "-o", outDir)).AssertSucceeded();
        File.Move(Path.Combine(outDir, "report.ptxt.txt"), Path.Combine(outDir, "copy.ptxt"));

        // Act
        var again = await alice.RunAsync("unprotect", "--recursive", Docs, "-o", outDir);

        // Assert
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("1 unprotected, 0 refused, 0 skipped, 0 failed", Lines(again)[^1]);
        Assert.DoesNotContain(Lines(again), l => l.Contains("copy.ptxt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Recursive_CorruptProtectedFiles_ReportedAsFailedOthersWrittenExitsOne()
    {
        // Arrange - a protected name over text that is no container, a tampered one, an empty one and a good one.
        await ProtectAsync(Alice, "good.txt", "good");
        var tampered = await ProtectAsync(Alice, Path.Combine("sub", "tampered.txt"), new string('t', 4000));
        var bytes = await File.ReadAllBytesAsync(tampered);
        bytes[^20] ^= 0x01;
        await File.WriteAllBytesAsync(tampered, bytes);
        await File.WriteAllTextAsync(Path.Combine(Docs, "fake.ppdf"), "just some text, not a container");
        await File.WriteAllBytesAsync(Path.Combine(Docs, "empty.pfile"), []);
        var alice = await PersonAsync(Alice);

        // Act
        var result = await alice.RunAsync("unprotect", "--recursive", Docs);

        // Assert
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        var lines = Lines(result);
        Assert.Contains($"failed {Path.Combine(Docs, "fake.ppdf")}: this is not a protected file", lines);
        Assert.Contains($"failed {Path.Combine(Docs, "empty.pfile")}: this is not a protected file", lines);
        Assert.Contains($"failed {Path.Combine(Docs, "sub", "tampered.ptxt")}: the protected file is damaged or has been tampered with", lines);
        Assert.Equal("1 unprotected, 0 refused, 0 skipped, 3 failed", lines[^1]);
        Assert.Equal("good", await File.ReadAllTextAsync(Path.Combine(Docs, "good.txt")));
        Assert.Equal(["empty.pfile", "fake.ppdf", "good.ptxt", "good.txt", "sub", Path.Combine("sub", "tampered.ptxt")], Tree(Docs));
    }

    [Fact]
    public async Task Recursive_SymbolicLinks_NotFollowedAndCountedInTheSummary()
    {
        // Arrange - a link to a folder outside the walk and a link to a protected file: neither is opened.
        await ProtectAsync(Alice, "inside.txt", "inside");
        var outside = Directory.CreateDirectory(_temp.Combine("outside")).FullName;
        await File.WriteAllTextAsync(Path.Combine(outside, "secret.txt"), "outside");
        (await (await PersonAsync(Alice)).RunAsync("protect", Path.Combine(outside, "secret.txt"), "--grant", "carol@contoso.test=VIEW")).AssertSucceeded();
        File.Delete(Path.Combine(outside, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(Docs, "elsewhere"), outside);
        File.CreateSymbolicLink(Path.Combine(Docs, "alias.ptxt"), Path.Combine(outside, "secret.ptxt"));
        var alice = await PersonAsync(Alice);

        // Act
        var result = await alice.RunAsync("unprotect", "--recursive", Docs);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("1 unprotected, 0 refused, 0 skipped, 0 failed, 2 symbolic links not followed", Lines(result)[^1]);
        Assert.Equal(["secret.ptxt"], Tree(outside));
        Assert.False(File.Exists(Path.Combine(Docs, "alias.txt")));
    }

    [Fact]
    public async Task Recursive_CancelledMidWalk_StopsWithoutPartialOutput()
    {
        // Arrange - Ctrl+C while the second file's licence is being asked for.
        await ProtectAsync(Alice, "1-first.txt", "first");
        await ProtectAsync(Alice, "2-second.txt", new string('s', 700 * 1024));
        await ProtectAsync(Alice, "3-third.txt", "third");
        var alice = await PersonAsync(Alice);
        using var cancellation = new CancellationTokenSource();
        var licences = 0;
        _appliance.Intercept = request =>
        {
            if (request.RequestUri!.AbsolutePath == "/api/v1/licenses" && ++licences == 2)
            {
                cancellation.Cancel();
            }

            return null;
        };
        var runner = new CliRunner(alice.Home, _appliance) { Cancellation = cancellation.Token };

        // Act
        var result = await runner.RunAsync("unprotect", "--recursive", Docs);

        // Assert
        Assert.Equal(ExitCodes.Cancelled, result.ExitCode);
        Assert.Equal("cancelled\n", result.Error);
        Assert.Equal("1 unprotected, 0 refused, 0 skipped, 0 failed", Lines(result)[^1]);
        Assert.Equal(["1-first.ptxt", "1-first.txt", "2-second.ptxt", "3-third.ptxt"], Tree(Docs));
    }

    [Fact]
    public async Task Recursive_Terminal_UnprotectsAndSummarises()
    {
        // Arrange - the bar itself depends on the terminal this test runs in (see the next test); the outcome does not.
        await ProtectAsync(Alice, "one.txt", "one");
        await ProtectAsync(Bob, "two.txt", "two", $"{Alice}=VIEW");
        var alice = await PersonAsync(Alice);
        var terminal = new CliRunner(alice.Home, _appliance, isTerminal: true);

        // Act
        var result = await terminal.RunAsync("unprotect", "--recursive", Docs);

        // Assert
        Assert.Equal(ExitCodes.AccessDenied, result.ExitCode);
        Assert.Equal("one", await File.ReadAllTextAsync(Path.Combine(Docs, "one.txt")));
        Assert.Contains("1 unprotected, 1 refused, 0 skipped, 0 failed", result.Output, StringComparison.Ordinal);
        Assert.Contains("refused ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_AnsiTerminal_DrawsCountAndFileAndPrintsOnlyTheProblems()
    {
        // Arrange - a terminal's ANSI support and size are detected from the process; here they are set, so the bar is drawn.
        using var output = new MemoryStream();
        var environment = new RmsCliEnvironment
        {
            Home = _temp.Combine("home"), In = TextReader.Null, Out = output, Error = TextWriter.Null, IsTerminal = true,
        };
        using var context = new CliContext(environment);
        context.Console.Profile.Capabilities.Ansi = true;
        context.Console.Profile.Height = 24;
        context.Console.Profile.Width = 120;

        // Act
        await UnprotectProgress.RunAsync(context, 2, async progress =>
        {
            progress.Starting("docs/a.ptxt");
            await progress.FinishedAsync(new UnprotectOutcome(UnprotectResult.Unprotected, "docs/a.ptxt", "docs/a.txt"));
            progress.Starting("docs/b.ptxt");
            await progress.FinishedAsync(new UnprotectOutcome(UnprotectResult.Refused, "docs/b.ptxt", "you hold VIEW but unprotect needs EXPORT or OWNER"));
        });

        // Assert
        var text = System.Text.Encoding.UTF8.GetString(output.ToArray());
        Assert.Contains("\u001b[", text, StringComparison.Ordinal);
        Assert.Contains("2/2 docs/b.ptxt", text, StringComparison.Ordinal);
        Assert.Contains("100%", text, StringComparison.Ordinal);
        Assert.Contains("refused docs/b.ptxt: you hold VIEW but unprotect needs EXPORT or OWNER", text, StringComparison.Ordinal);
        Assert.DoesNotContain("unprotected docs/a.ptxt", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recursive_EmptyFolder_ReportsNothingFoundAndExitsZero()
    {
        var alice = await PersonAsync(Alice);
        await File.WriteAllTextAsync(Path.Combine(Docs, "notes.txt"), "plain");

        var result = await alice.RunAsync("unprotect", "--recursive", Docs);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["0 unprotected, 0 refused, 0 skipped, 0 failed"], Lines(result));
    }

    [Fact]
    public async Task Recursive_FolderMissing_ExitsTwoBeforeAnyRequest()
    {
        var alice = await PersonAsync(Alice);
        var missing = _temp.Combine("no-such-folder");
        var requestsBefore = _appliance.Requests.Count;

        var result = await alice.RunAsync("unprotect", "--recursive", missing);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"{missing} does not exist or is not a folder\n", result.Error);
        Assert.Equal(requestsBefore, _appliance.Requests.Count);
    }

    [Fact]
    public async Task Recursive_OutputIsAFile_ExitsTwo()
    {
        var alice = await PersonAsync(Alice);
        var file = _temp.Combine("a-file");
        await File.WriteAllTextAsync(file, "x");

        var result = await alice.RunAsync("unprotect", "--recursive", Docs, "-o", file);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("with --recursive, -o names the folder to write into", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recursive_WithFileToo_ExitsTwoWithUsage()
    {
        var alice = await PersonAsync(Alice);
        var requestsBefore = _appliance.Requests.Count;

        var result = await alice.RunAsync("unprotect", "report.ptxt", "--recursive", Docs);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Give FILE or --recursive DIR, not both.", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", result.Error, StringComparison.Ordinal);
        Assert.Equal(requestsBefore, _appliance.Requests.Count);
    }

    [Fact]
    public async Task Recursive_NotSignedIn_ExitsFourAndCreatesNoOutputFolder()
    {
        var outDir = _temp.Combine("export");
        var stranger = new CliRunner(_temp.Combine("homes", "nobody"), _appliance);

        var result = await stranger.RunAsync("unprotect", "--recursive", Docs, "-o", outDir);

        Assert.Equal(ExitCodes.Unauthenticated, result.ExitCode);
        Assert.False(Directory.Exists(outDir));
    }
}
