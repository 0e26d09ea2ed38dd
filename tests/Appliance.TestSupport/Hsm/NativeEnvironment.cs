using System.Runtime.InteropServices;

namespace Appliance.TestSupport.Hsm;

/// <summary>
/// Sets a variable in the native process environment too. On Unix, Environment.SetEnvironmentVariable changes
/// only .NET's copy, but SoftHSM2 reads SOFTHSM2_CONF with getenv() at C_Initialize.
/// </summary>
internal static class NativeEnvironment
{
    public static void Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (SetEnv(NullTerminatedUtf8(name), NullTerminatedUtf8(value), 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static byte[] NullTerminatedUtf8(string text) => [.. System.Text.Encoding.UTF8.GetBytes(text), 0];

    // Byte arrays rather than strings: the C strings are built explicitly, no string marshalling involved.
    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetEnv(byte[] name, byte[] value, int overwrite);
}
