using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Appliance.Crypto.Container;
using Appliance.Crypto.Derivation;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Tests.Support;

namespace Appliance.Crypto.Tests.Fuzz;

/// <summary>
/// Property: whatever bytes arrive, a parser of untrusted input throws only its documented exception type
/// (<see cref="LicenseException"/> or <see cref="ProtectedFileException"/>), and never returns wrong plaintext.
/// Seeded, so a failure names the iteration that reproduces it.
/// </summary>
public class ParserFuzzTests
{
    private const int Seed = 20250102;

    [Fact]
    public async Task PublishingLicenseParse_RandomMutations_ThrowsOnlyLicenseException()
    {
        // Arrange - Parse does not check the signature, so payload mutations reach the schema checks directly.
        var jws = await SignedByUserAsync();
        var parts = JwsText.Split(jws);
        var payload = Encoding.UTF8.GetBytes(JwsText.PayloadJson(jws));
        var mutator = new Mutator(Seed);
        var seen = new HashSet<LicenseError>();

        for (var i = 0; i < 3000; i++)
        {
            var candidate = (i % 3) switch
            {
                0 => mutator.MutateText(jws),
                1 => parts[0] + "." + Convert.ToBase64String(mutator.MutateJson(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "." + parts[2],
                _ => JwsText.Encode(Encoding.UTF8.GetString(mutator.MutateJson(Encoding.UTF8.GetBytes(JwsText.HeaderJson(jws))))) + "." + parts[1] + "." + parts[2],
            };

            var error = AssertOnly<LicenseException>(i, () =>
            {
                var parsed = PublishingLicense.Parse(candidate);
                Assert.False(parsed.VerifySignature(TestKeys.UserSpki()) && candidate != jws, $"iteration {i}: a changed licence verified");
            });
            if (error is not null)
            {
                seen.Add(error.Error);
            }
        }

        AssertReached(seen, LicenseError.Malformed, LicenseError.UnsupportedVersion, LicenseError.UnsupportedAlgorithm, LicenseError.WrongType);
    }

    [Fact]
    public async Task UseLicenseVerify_RandomMutationsAndResignedPayloads_ThrowsOnlyLicenseException()
    {
        // Arrange - re-signing the mutated payload with the tenant key gets it past the signature into the schema checks.
        using var signer = TestKeys.TenantSigner();
        var jws = await UseLicense.IssueAsync(Licences.UseLicenseContent(Guid.NewGuid(), Licences.NewContentKey()), signer, CancellationToken.None);
        var header = Encoding.UTF8.GetBytes(JwsText.HeaderJson(jws));
        var payload = Encoding.UTF8.GetBytes(JwsText.PayloadJson(jws));
        var spki = TestKeys.TenantSigningSpki();
        var mutator = new Mutator(Seed + 1);
        var seen = new HashSet<LicenseError>();

        for (var i = 0; i < 1500; i++)
        {
            var candidate = i % 2 == 0
                ? mutator.MutateText(jws)
                : await JwsText.SignAsync(header, mutator.MutateJson(payload), signer);

            if (AssertOnly<LicenseException>(i, () => UseLicense.Verify(candidate, spki)) is { } error)
            {
                seen.Add(error.Error);
            }
        }

        AssertReached(seen, LicenseError.Malformed, LicenseError.SignatureInvalid, LicenseError.UnsupportedVersion);
    }

    [Fact]
    public async Task CertificateVerify_ResignedPayloadMutations_ThrowsOnlyLicenseException()
    {
        using var signer = TestKeys.TenantSigner();
        var user = await UserCertificate.IssueAsync(Licences.UserCertificateContent(), signer, CancellationToken.None);
        var tenant = await TenantCertificate.IssueAsync(Licences.TenantCertificateContent(), signer, CancellationToken.None);
        var spki = TestKeys.TenantSigningSpki();
        var mutator = new Mutator(Seed + 2);
        var seen = new HashSet<LicenseError>();

        for (var i = 0; i < 600; i++)
        {
            var source = i % 2 == 0 ? user : tenant;
            var candidate = await JwsText.SignAsync(
                Encoding.UTF8.GetBytes(JwsText.HeaderJson(source)), mutator.MutateJson(Encoding.UTF8.GetBytes(JwsText.PayloadJson(source))), signer);

            var error = AssertOnly<LicenseException>(i, () =>
            {
                if (i % 2 == 0)
                {
                    UserCertificate.Verify(candidate, spki);
                }
                else
                {
                    TenantCertificate.Verify(candidate);
                }
            });
            if (error is not null)
            {
                seen.Add(error.Error);
            }
        }

        AssertReached(seen, LicenseError.Malformed, LicenseError.UnsupportedVersion);
    }

    [Fact]
    public async Task ProtectedFileReadHeaderAndDecrypt_RandomMutations_ThrowOnlyProtectedFileException()
    {
        var key = Licences.NewContentKey();
        var id = Guid.NewGuid();
        var plaintext = RandomNumberGenerator.GetBytes(200);
        var file = await Licences.ProtectAsync(plaintext, key, id, await Licences.PublishingLicenseAsync(id, key), 64);
        var mutator = new Mutator(Seed + 3);
        var seen = new HashSet<ProtectedFileError>();

        for (var i = 0; i < 3000; i++)
        {
            var candidate = (i % 3) switch
            {
                0 => mutator.Mutate(file),
                1 => RemacHeader(file, mutator.MutateJson(HeaderJson(file)), key, id),
                _ => MutateSegmentsOnly(file, mutator),
            };

            await AssertOnlyAsync<ProtectedFileException>(i, () => ProtectedFile.ReadHeaderAsync(new MemoryStream(candidate), CancellationToken.None));
            var output = new MemoryStream();
            var error = await AssertOnlyAsync<ProtectedFileException>(i, () => ProtectedFile.DecryptAsync(new MemoryStream(candidate), output, key, CancellationToken.None));
            if (error is null)
            {
                Assert.True(plaintext.AsSpan().SequenceEqual(output.ToArray()), $"iteration {i}: a mutated file decrypted to different plaintext");
            }
            else
            {
                seen.Add(error.Error);
            }
        }

        AssertReached(
            seen,
            ProtectedFileError.NotAProtectedFile,
            ProtectedFileError.UnsupportedVersion,
            ProtectedFileError.MalformedHeader,
            ProtectedFileError.HeaderTooLarge,
            ProtectedFileError.WrongContentKey,
            ProtectedFileError.HeaderAuthenticationFailed,
            ProtectedFileError.SegmentAuthenticationFailed,
            ProtectedFileError.Truncated);
    }

    private static async Task<string> SignedByUserAsync()
    {
        using var tenantSigner = TestKeys.TenantSigner();
        using var userSigner = TestKeys.UserSigner();
        var certificate = await UserCertificate.IssueAsync(Licences.UserCertificateContent(), tenantSigner, CancellationToken.None);
        return await PublishingLicense.CreateAsync(Licences.Request(Guid.NewGuid(), Licences.NewContentKey()), userSigner, certificate, CancellationToken.None);
    }

    private static byte[] HeaderJson(byte[] file) =>
        file[14..(14 + (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(10)))];

    /// <summary>The file with new header JSON and a MAC recomputed under the real key, so that JSON edits reach the field checks and segments.</summary>
    private static byte[] RemacHeader(byte[] file, byte[] json, byte[] key, Guid id)
    {
        var oldHeaderLength = 14 + (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(10)) + 32;
        var header = new byte[14 + json.Length + 32];
        file.AsSpan(0, 10).CopyTo(header);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(10), (uint)json.Length);
        json.CopyTo(header, 14);
        Span<byte> macKey = stackalloc byte[32];
        ContentKeyDerivation.Derive(key, id, ContentKeyDerivation.HeaderInfo, macKey);
        HMACSHA256.HashData(macKey, header.AsSpan(0, header.Length - 32), header.AsSpan(header.Length - 32));
        return [.. header, .. file[oldHeaderLength..]];
    }

    private static byte[] MutateSegmentsOnly(byte[] file, Mutator mutator)
    {
        var headerLength = 14 + (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(10)) + 32;
        return [.. file[..headerLength], .. mutator.Mutate(file[headerLength..])];
    }

    /// <summary>Null when the call succeeded; the <typeparamref name="TExpected"/> it threw otherwise; fails on anything else.</summary>
    private static TExpected? AssertOnly<TExpected>(int iteration, Action action)
        where TExpected : Exception
    {
        try
        {
            action();
            return null;
        }
        catch (TExpected e)
        {
            return e;
        }
        catch (Exception e)
        {
            Assert.Fail($"iteration {iteration}: {e.GetType().Name} escaped: {e}");
            return null;
        }
    }

    private static async Task<TExpected?> AssertOnlyAsync<TExpected>(int iteration, Func<Task> action)
        where TExpected : Exception
    {
        try
        {
            await action();
            return null;
        }
        catch (TExpected e)
        {
            return e;
        }
        catch (Exception e)
        {
            Assert.Fail($"iteration {iteration}: {e.GetType().Name} escaped: {e}");
            return null;
        }
    }

    /// <summary>The fuzzer must reach past the first check, or it proves little.</summary>
    private static void AssertReached<TError>(HashSet<TError> seen, params TError[] expected)
    {
        foreach (var error in expected)
        {
            Assert.True(seen.Contains(error), $"the mutations never produced {error}; seen: {string.Join(", ", seen)}");
        }
    }
}
