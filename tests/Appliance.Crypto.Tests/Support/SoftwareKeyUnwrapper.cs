using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;

namespace Appliance.Crypto.Tests.Support;

/// <summary>An <see cref="IKeyUnwrapper"/> over an in-memory RSA key, standing in for the HSM.</summary>
internal sealed class SoftwareKeyUnwrapper(string keyId, RSA key) : IKeyUnwrapper
{
    public string KeyId { get; } = keyId;

    public ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrapped, KeyWrapAlgorithm algorithm, CancellationToken ct) =>
        ValueTask.FromResult(RsaKeyWrap.Unwrap(key, wrapped.Span, algorithm));
}
