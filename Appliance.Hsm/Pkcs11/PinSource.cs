using System.Text;

namespace Appliance.Hsm.Pkcs11;

/// <summary>Reads a region's user PIN from the options or from its PIN file. Never logs or echoes the PIN.</summary>
internal static class PinSource
{
    private const string UserPinKey = "user-pin=";
    private const string SoPinKey = "so-pin=";

    public static byte[] Read(HsmRegionOptions region)
    {
        if (!string.IsNullOrEmpty(region.Pin))
        {
            return Encoding.UTF8.GetBytes(region.Pin);
        }

        if (string.IsNullOrWhiteSpace(region.PinFile))
        {
            throw new HsmException(HsmErrorCode.PinMissing,
                $"no PIN is configured for region '{region.Name}': set Hsm:Regions:n:PinFile (or Pin)", region.Name);
        }

        var path = region.PinFile;
        string text;
        try
        {
            CheckNotWorldAccessible(region, path);
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HsmException(HsmErrorCode.PinMissing,
                $"the PIN file '{path}' of region '{region.Name}' cannot be read ({e.GetType().Name})", region.Name, e);
        }

        var pin = Parse(text);
        if (pin is null)
        {
            throw new HsmException(HsmErrorCode.PinMissing,
                $"the PIN file '{path}' of region '{region.Name}' holds no user PIN (expected the bare PIN or a 'user-pin=' line)",
                region.Name);
        }

        return Encoding.UTF8.GetBytes(pin);
    }

    /// <summary>Either the bare PIN on the first non-empty line, or the value of the <c>user-pin=</c> line.</summary>
    internal static string? Parse(string text)
    {
        var lines = text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
        var userLine = lines.FirstOrDefault(line => line.StartsWith(UserPinKey, StringComparison.Ordinal));
        if (userLine is not null)
        {
            var value = userLine[UserPinKey.Length..].Trim();
            return value.Length > 0 ? value : null;
        }

        // A file with key=value lines but no user PIN must not have its SO PIN mistaken for the user PIN.
        if (lines.Count == 0 || lines.Any(line => line.StartsWith(SoPinKey, StringComparison.Ordinal)))
        {
            return null;
        }

        return lines[0];
    }

    private static void CheckNotWorldAccessible(HsmRegionOptions region, string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        // SECURITY: a PIN readable by every local account is as good as no PIN; refuse to start rather than use it.
        const UnixFileMode other = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((File.GetUnixFileMode(path) & other) != 0)
        {
            throw new HsmException(HsmErrorCode.PinMissing,
                $"the PIN file '{path}' of region '{region.Name}' is accessible by other users; restrict it (chmod 600)",
                region.Name);
        }
    }
}
