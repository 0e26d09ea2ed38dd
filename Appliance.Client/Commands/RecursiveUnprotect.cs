using System.Security;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Crypto.Container;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Rights;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms unprotect --recursive DIR [-o OUTDIR] [--force]`: removes the protection from every protected file under DIR,
/// for whoever holds EXPORT or OWNER on them (in bulk, a super user doing eDiscovery). Each file is opened on its own,
/// with one licence request: a refusal or a damaged file is reported and counted and the walk goes on. Ctrl+C stops
/// it after the summary so far, and leaves no partial output.
/// </summary>
internal static class RecursiveUnprotect
{
    public static async Task<int> RunAsync(CliContext context, string dir, string? outDir, bool force, CancellationToken ct)
    {
        if (!Directory.Exists(dir))
        {
            throw new UsageException($"{dir} does not exist or is not a folder");
        }

        var outputs = string.IsNullOrWhiteSpace(outDir) ? null : outDir;
        if (outputs is not null && File.Exists(outputs))
        {
            throw new UsageException($"{outputs} is a file; with --recursive, -o names the folder to write into");
        }

        // Signed in before anything is created: without a session, exit 4 and no empty output folder.
        using var client = context.CreateSignedInClient();
        if (outputs is not null)
        {
            CreateOwnerOnlyFolder(outputs);
        }

        var root = FullFolder(dir);
        var walk = ProtectedFileWalk.Run(root, outputs is null ? null : FullFolder(outputs), ct);
        var tally = new Dictionary<UnprotectResult, int>();
        try
        {
            await UnprotectProgress.RunAsync(context, walk.UnreadableFolders.Count + walk.Files.Count, async progress =>
            {
                foreach (var (folder, sentence) in walk.UnreadableFolders)
                {
                    await Count(progress, tally, new UnprotectOutcome(UnprotectResult.Failed, Path.Join(dir, folder), sentence));
                }

                // Inputs are never overwritten, even with --force (report.ptxt.pfile would become report.ptxt).
                var inputs = walk.Files.Select(f => f.FullPath).ToHashSet(StringComparer.Ordinal);
                foreach (var file in walk.Files)
                {
                    ct.ThrowIfCancellationRequested();
                    var shown = Path.Join(dir, file.RelativePath);
                    progress.Starting(shown);
                    var target = Path.Join(outputs ?? dir, Path.GetDirectoryName(file.RelativePath), file.OriginalName);
                    var outcome = await UnprotectOneAsync(client, file, shown, target, outputs is not null, force, inputs, ct);
                    await Count(progress, tally, outcome);
                }
            });
        }
        finally
        {
            // Also when Ctrl+C or an expired session stops the walk: what was done so far.
            await context.Out.WriteLineAsync(Summary(tally, walk.SymbolicLinks));
        }

        return tally.GetValueOrDefault(UnprotectResult.Failed) > 0 ? ExitCodes.Failure
            : tally.GetValueOrDefault(UnprotectResult.Refused) > 0 ? ExitCodes.AccessDenied
            : ExitCodes.Success;
    }

    private static async Task<UnprotectOutcome> UnprotectOneAsync(
        RmsClient client, WalkedFile file, string shown, string target, bool makeFolders, bool force, HashSet<string> inputs, CancellationToken ct)
    {
        try
        {
            // An empty file cannot be a container; and a named pipe or a device (which also report no length)
            // would block or never end if opened.
            if (new FileInfo(file.FullPath).Length == 0)
            {
                return new(UnprotectResult.Failed, shown, "this is not a protected file");
            }

            await using var input = File.OpenRead(file.FullPath);

            // The name says protected; the header must agree before anything is asked of the appliance.
            var header = await RmsClient.ReadHeaderAsync(input, ct);
            var fullTarget = Path.GetFullPath(target);
            if (inputs.Contains(fullTarget))
            {
                return new(UnprotectResult.Skipped, shown, $"the output {target} is a protected file of this walk");
            }

            if (Directory.Exists(fullTarget))
            {
                return new(UnprotectResult.Skipped, shown, $"{target} is a folder");
            }

            // File.Exists is also true for a dangling symbolic link, which a rename would replace.
            if (!force && File.Exists(fullTarget))
            {
                return new(UnprotectResult.Skipped, shown, $"{target} already exists; use --force to overwrite it");
            }

            var license = await client.OpenAsync(header, ct);
            license.Demand("unprotect", UsageRights.Export, UsageRights.Owner);
            if (makeFolders)
            {
                CreateOwnerOnlyFolder(Path.GetDirectoryName(fullTarget)!);
            }

            input.Position = 0;
            await FileArguments.WriteAtomicallyAsync(fullTarget, force, ownerOnly: true, stream => license.DecryptAsync(input, stream, ct), ct);
            return new(UnprotectResult.Unprotected, shown, target);
        }
        catch (UsageException ex)
        {
            // The output appeared while this file was being decrypted; it is kept.
            return new(UnprotectResult.Skipped, shown, ex.Message);
        }
        catch (Exception ex) when (IsAboutThisFile(ex))
        {
            var (sentence, exitCode) = ErrorReporter.Describe(ex);
            return new(exitCode == ExitCodes.AccessDenied ? UnprotectResult.Refused : UnprotectResult.Failed, shown, sentence);
        }
    }

    /// <summary>
    /// A failure of this file alone. Not signed in, an expired session or no user keys is about the session: every
    /// other file would fail the same way, so it stops the walk (exit 4), as do Ctrl+C and anything unexpected.
    /// </summary>
    private static bool IsAboutThisFile(Exception ex) =>
        ex is RmsException or ProtectedFileException or LicenseException or IOException or UnauthorizedAccessException or SecurityException
        && ErrorReporter.Describe(ex).ExitCode != ExitCodes.Unauthenticated;

    private static Task Count(IUnprotectProgress progress, Dictionary<UnprotectResult, int> tally, UnprotectOutcome outcome)
    {
        tally[outcome.Result] = tally.GetValueOrDefault(outcome.Result) + 1;
        return progress.FinishedAsync(outcome);
    }

    private static string Summary(Dictionary<UnprotectResult, int> tally, int symbolicLinks)
    {
        var line = $"{tally.GetValueOrDefault(UnprotectResult.Unprotected)} unprotected, {tally.GetValueOrDefault(UnprotectResult.Refused)} refused, "
            + $"{tally.GetValueOrDefault(UnprotectResult.Skipped)} skipped, {tally.GetValueOrDefault(UnprotectResult.Failed)} failed";
        return symbolicLinks == 0 ? line : $"{line}, {symbolicLinks} symbolic link{(symbolicLinks == 1 ? string.Empty : "s")} not followed";
    }

    private static string FullFolder(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static void CreateOwnerOnlyFolder(string path)
    {
        // Plaintext of protected documents: only its owner may list or enter the folders made for it.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
