using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;

namespace Appliance.Client.Tests.Support;

/// <summary>The tenant key's unwrap, in software: what the HSM does for the real appliance.</summary>
internal sealed class SoftwareUnwrapper(string keyId, RSA key) : IKeyUnwrapper
{
    public string KeyId { get; } = keyId;

    public ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrapped, KeyWrapAlgorithm algorithm, CancellationToken ct) =>
        ValueTask.FromResult(RsaKeyWrap.Unwrap(key, wrapped.Span, algorithm));
}
