using System.Security;
using Appliance.Crypto.Container;

namespace Appliance.Client.Commands;

/// <summary>One file of the walk whose name is a protected-file name (its header is read later, when it is opened).</summary>
/// <param name="RelativePath">Relative to the walked folder; the output keeps it, with <paramref name="OriginalName"/> as the name.</param>
internal sealed record WalkedFile(string FullPath, string RelativePath, string OriginalName);

/// <summary>
/// The files `rms unprotect --recursive DIR` looks at: every file under DIR named by the protected-file convention
/// (<see cref="ProtectedFileNames"/>), in a stable order (by name, a folder's files before its subfolders). Symbolic
/// links are neither followed nor opened, only counted: a link could lead out of DIR, or back into it for ever.
/// </summary>
internal sealed class ProtectedFileWalk
{
    private static readonly EnumerationOptions OneFolder = new()
    {
        // Hidden files are content too; the default options would leave them out.
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    private ProtectedFileWalk()
    {
    }

    public List<WalkedFile> Files { get; } = [];

    public int SymbolicLinks { get; private set; }

    /// <summary>Folders that could not be listed, relative to the root, with one sentence each.</summary>
    public List<(string RelativePath, string Sentence)> UnreadableFolders { get; } = [];

    /// <param name="root">The full path of the folder to walk.</param>
    /// <param name="excluded">A full folder path not to descend into: the output folder when it lies inside the root.</param>
    public static ProtectedFileWalk Run(string root, string? excluded, CancellationToken ct)
    {
        var walk = new ProtectedFileWalk();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.TryPop(out var folder))
        {
            ct.ThrowIfCancellationRequested();
            FileSystemInfo[] entries;
            try
            {
                entries = [.. new DirectoryInfo(folder).EnumerateFileSystemInfos("*", OneFolder).OrderBy(e => e.Name, StringComparer.Ordinal)];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SecurityException)
            {
                walk.UnreadableFolders.Add((Path.GetRelativePath(root, folder), $"cannot list the folder: {ex.Message}"));
                continue;
            }

            var subfolders = new List<string>();
            foreach (var entry in entries)
            {
                if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    walk.SymbolicLinks++;
                }
                else if (entry is DirectoryInfo subfolder)
                {
                    if (!string.Equals(subfolder.FullName, excluded, StringComparison.Ordinal))
                    {
                        subfolders.Add(subfolder.FullName);
                    }
                }
                else if (OriginalNameOf(entry.Name) is { } original)
                {
                    walk.Files.Add(new WalkedFile(entry.FullName, Path.GetRelativePath(root, entry.FullName), original));
                }
            }

            // Pushed in reverse so that they are walked in name order.
            for (var i = subfolders.Count - 1; i >= 0; i--)
            {
                pending.Push(subfolders[i]);
            }
        }

        return walk;
    }

    private static string? OriginalNameOf(string name)
    {
        try
        {
            return ProtectedFileNames.OriginalName(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
