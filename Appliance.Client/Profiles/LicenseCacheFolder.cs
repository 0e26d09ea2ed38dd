using Appliance.Client.Sdk;

namespace Appliance.Client.Profiles;

/// <summary>
/// The signed-in user's cached use licences: $RMS_HOME/licenses/&lt;content id&gt;.jws, each written atomically and
/// owner-only like the rest of the profile (a licence's content key is wrapped to the user's key, but the licence
/// still tells who may open what). A file that cannot be read or written only costs a trip to the appliance, so
/// those failures are not errors; what a cached licence is worth is for <see cref="RmsClient"/> to verify.
/// </summary>
public sealed class LicenseCacheFolder : ILicenseCache
{
    // Far above any real licence (a policy holds at most 10,000 grants), so a stray huge file is not read.
    private const long MaxLicenseBytes = 16 * 1024 * 1024;

    public LicenseCacheFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
    }

    public string Folder { get; }

    public string PathOf(Guid contentId) => Path.Combine(Folder, contentId.ToString("D") + ".jws");

    public string? Read(Guid contentId)
    {
        var path = PathOf(contentId);
        try
        {
            var file = new FileInfo(path);
            return file.Exists && file.Length <= MaxLicenseBytes ? File.ReadAllText(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Write(Guid contentId, string useLicense)
    {
        ArgumentException.ThrowIfNullOrEmpty(useLicense);
        try
        {
            SecureFile.WriteAllText(PathOf(contentId), useLicense);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not cached: the next open asks the appliance, as it would have without a cache.
        }
    }

    public void Remove(Guid contentId) => SecureFile.TryDelete(PathOf(contentId));

    /// <summary>Deletes every cached licence.</summary>
    public void Clear()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
