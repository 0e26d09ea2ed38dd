using System.Security.Cryptography;

namespace Appliance.Client.Cli;

/// <summary>
/// Input and output files of the document commands. Output is written to a temporary file beside the
/// target and renamed into place only on success, so a refusal, a tampered file or Ctrl+C never leaves a
/// partial file behind.
/// </summary>
internal static class FileArguments
{
    public static string RequireExistingFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path} does not exist or is not a file");
        }

        return path;
    }

    /// <summary>The output path: <paramref name="requested"/>, or a name derived beside <paramref name="input"/>.</summary>
    public static string ResolveOutput(string? requested, string input, Func<string, string> deriveName, bool force)
    {
        string output;
        if (!string.IsNullOrWhiteSpace(requested))
        {
            output = requested;
        }
        else
        {
            string name;
            try
            {
                name = deriveName(Path.GetFileName(input));
            }
            catch (ArgumentException)
            {
                throw new UsageException($"cannot derive an output name from {input}; name one with -o OUT");
            }

            output = Path.Combine(Path.GetDirectoryName(input) ?? string.Empty, name);
        }

        if (string.Equals(Path.GetFullPath(output), Path.GetFullPath(input), StringComparison.Ordinal))
        {
            throw new UsageException($"the output {output} would replace the input; name another with -o OUT");
        }

        EnsureWritable(output, force);
        return output;
    }

    public static void EnsureWritable(string output, bool force)
    {
        if (Directory.Exists(output))
        {
            throw new UsageException($"{output} is a folder; name a file with -o OUT");
        }

        if (File.Exists(output) && !force)
        {
            throw new UsageException($"{output} already exists; use --force to overwrite it");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(output))!;
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"the folder {folder} does not exist");
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> into a temporary file beside <paramref name="output"/> and renames it into
    /// place; on any failure the temporary file is deleted. <paramref name="ownerOnly"/> creates it 0600 (for
    /// plaintext of a protected document).
    /// </summary>
    public static async Task WriteAtomicallyAsync(string output, bool force, bool ownerOnly, Func<Stream, Task> write, CancellationToken ct)
    {
        var full = Path.GetFullPath(output);
        var folder = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
        };
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using (var stream = new FileStream(temp, options))
            {
                await write(stream);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }

            ct.ThrowIfCancellationRequested();
            try
            {
                File.Move(temp, full, overwrite: force);
            }
            catch (IOException) when (!force && File.Exists(full))
            {
                throw new UsageException($"{output} already exists; use --force to overwrite it");
            }
        }
        catch
        {
            Profiles.SecureFile.TryDelete(temp);
            throw;
        }
    }
}
