using System.Security.Cryptography;

namespace Appliance.Client.Tests.Support;

/// <summary>
/// RSA-2048 key generation costs up to a second on a small machine; every fake appliance needs several
/// keys. These are generated once per test run and handed out by index, so keys within one appliance differ.
/// </summary>
internal static class TestKeys
{
    private const int Count = 12;

    private static readonly Lazy<byte[]>[] Pkcs8 =
        [.. Enumerable.Range(0, Count).Select(_ => new Lazy<byte[]>(() =>
        {
            using var rsa = RSA.Create(2048);
            return rsa.ExportPkcs8PrivateKey();
        }))];

    /// <summary>A new RSA instance (owned by the caller) over the <paramref name="index"/>-th pooled key.</summary>
    public static RSA Rsa(int index)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Pkcs8[index % Count].Value, out _);
        return rsa;
    }
}
