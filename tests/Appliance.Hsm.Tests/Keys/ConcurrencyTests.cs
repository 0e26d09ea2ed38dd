using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;
using Appliance.Hsm.Tests.Support;
using Appliance.TestSupport.Hsm;

namespace Appliance.Hsm.Tests.Keys;

public sealed class ConcurrencyTests : IClassFixture<VaultFixture>
{
    private readonly VaultFixture _fixture;

    public ConcurrencyTests(VaultFixture fixture) => _fixture = fixture;

    [Fact]
    public void UnwrapAndSign_EightThreadsFiftyTimesEach_AllResultsCorrect()
    {
        // Arrange - SoftHSM2 crashes the process if two threads share a session; the pool must prevent that.
        var vault = _fixture.Vault;
        using var key = TestKey.Create(vault, "emea");
        using var rsaKey = TestKey.Create(vault, "emea", signing: SignatureAlgorithm.Rs256);

        // Act
        var failures = RunConcurrently(vault, threads: 8, iterations: 50, key, rsaKey);

        // Assert
        Assert.Empty(failures);
    }

    [Fact]
    public void UnwrapAndSign_MoreThreadsThanSessions_CallersWaitForAFreeSession()
    {
        // Arrange - a pool of two sessions under eight threads: callers queue instead of failing or sharing.
        var options = SoftHsmTestEnvironment.Instance.OptionsFor("emea");
        options.MaxSessionsPerRegion = 2;
        using var vault = new Pkcs11TenantKeyVault(options);
        using var key = TestKey.Create(vault, "emea");
        using var rsaKey = TestKey.Create(vault, "emea", signing: SignatureAlgorithm.Rs256);

        // Act
        var failures = RunConcurrently(vault, threads: 8, iterations: 10, key, rsaKey);

        // Assert
        Assert.Empty(failures);
    }

    private static List<string> RunConcurrently(Pkcs11TenantKeyVault vault, int threads, int iterations, TestKey ecKey, TestKey rsaKey)
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(worker => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < iterations; i++)
            {
                try
                {
                    var contentKey = RandomNumberGenerator.GetBytes(32);
                    var wrapped = SoftwareCrypto.Wrap(ecKey.Material.EncryptionPublicKey, contentKey, KeyWrapAlgorithm.RsaOaepSha1);
                    if (!vault.Unwrap("emea", ecKey.KeyId, wrapped, KeyWrapAlgorithm.RsaOaepSha1).AsSpan().SequenceEqual(contentKey))
                    {
                        failures.Add($"worker {worker}: unwrap {i} returned another key");
                    }

                    var data = BitConverter.GetBytes(worker * 1000 + i);
                    var (key, algorithm) = i % 5 == 0 ? (rsaKey, SignatureAlgorithm.Rs256) : (ecKey, SignatureAlgorithm.Es256);
                    var signature = vault.Sign("emea", key.KeyId, data, algorithm);
                    if (!SoftwareCrypto.Verify(algorithm, key.Material.SigningPublicKey, data, signature))
                    {
                        failures.Add($"worker {worker}: {algorithm} signature {i} does not verify");
                    }
                }
                catch (Exception e)
                {
                    failures.Add($"worker {worker}, iteration {i}: {e.GetType().Name}: {e.Message}");
                }
            }
        })).ToList();
        workers.ForEach(thread => thread.Start());
        workers.ForEach(thread => thread.Join());
        return [.. failures];
    }
}
