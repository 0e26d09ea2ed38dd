using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;
using Appliance.Hsm.Pkcs11;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Appliance.Hsm;

/// <summary>
/// <see cref="ITenantKeyVault"/> over a PKCS#11 module (SoftHSM2, Thales Luna, ...). The constructor loads the
/// module (shared with every other vault of the process), logs in to each region's token, probes its mechanisms,
/// and fails with a typed <see cref="HsmException"/> when something is missing. Thread-safe.
/// </summary>
public sealed class Pkcs11TenantKeyVault : ITenantKeyVault, IDisposable
{
    private const int MaxKeyIdLength = 200;
    private static readonly TimeSpan SessionWaitTimeout = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger;
    private readonly Pkcs11Module _module;
    private readonly Dictionary<string, RegionContext> _regions = new(StringComparer.OrdinalIgnoreCase);
    private readonly string[] _regionNames;
    private int _disposed;

    public Pkcs11TenantKeyVault(HsmOptions options, ILogger<Pkcs11TenantKeyVault>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var problems = HsmOptionsValidator.Problems(options, requireModuleAndPins: false);
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid HSM options: " + string.Join("; ", problems), nameof(options));
        }

        _regionNames = options.Regions.Select(region => region.Name).ToArray();

        // PINs first: a missing PIN file is a configuration error to report before touching the device.
        var pins = new List<byte[]>();
        try
        {
            foreach (var region in options.Regions)
            {
                pins.Add(PinSource.Read(region));
            }

            _module = Pkcs11Module.Acquire(options.ModulePath);
            try
            {
                for (var i = 0; i < options.Regions.Count; i++)
                {
                    var region = options.Regions[i];
                    var token = _module.AcquireToken(region.Name, region.TokenLabel.Trim(), pins[i]);
                    var pool = new SessionPool(region.Name, token.Slot, options.MaxSessionsPerRegion, SessionWaitTimeout);
                    _regions.Add(region.Name, new RegionContext(region.Name, token, pool));
                }
            }
            catch
            {
                ReleaseAll();
                throw;
            }
        }
        finally
        {
            foreach (var pin in pins)
            {
                CryptographicOperations.ZeroMemory(pin);
            }
        }

        _logger.LogInformation("HSM module {Module} serves regions {Regions}", _module.Path,
            string.Join(", ", _regions.Values.Select(region => $"{region.Name} (token '{region.Token.Label}', wrap {region.Token.WrapAlgorithm})")));
    }

    public IReadOnlyCollection<string> Regions => _regionNames;

    public void EnsureRegionServed(string region) => Region(region);

    public KeyWrapAlgorithm WrapAlgorithmFor(string region) => Region(region).Token.WrapAlgorithm;

    public TenantKeyMaterial GenerateTenantKey(string region, string keyId, TenantKeyAlgorithm encryption, SignatureAlgorithm signing)
    {
        ValidateKeyId(keyId);
        var context = Region(region);
        var bits = encryption switch
        {
            TenantKeyAlgorithm.Rsa2048 => 2048UL,
            TenantKeyAlgorithm.Rsa3072 => 3072UL,
        };
        RequireMechanism(context, CKM.CKM_RSA_PKCS_KEY_PAIR_GEN);
        RequireMechanism(context, signing == SignatureAlgorithm.Es256 ? CKM.CKM_EC_KEY_PAIR_GEN : CKM.CKM_RSA_PKCS_KEY_PAIR_GEN);

        lock (context.GenerationLock)
        {
            // No retry: a half-made key version after a lost session must not be mistaken for an existing one.
            var material = Execute(context, "generate key", session => Generate(context, session, keyId, encryption, bits, signing), retry: false);
            _logger.LogInformation("Generated tenant key {KeyId} ({Encryption}, {Signing}) in region {Region}",
                keyId, encryption, signing, context.Name);
            return material;
        }
    }

    public byte[] Unwrap(string region, string keyId, ReadOnlySpan<byte> wrapped, KeyWrapAlgorithm algorithm)
    {
        ValidateKeyId(keyId);
        var context = Region(region);
        if (wrapped.IsEmpty)
        {
            throw new ArgumentException("the wrapped key is empty", nameof(wrapped));
        }

        if (algorithm == KeyWrapAlgorithm.RsaOaepSha256 && context.Token.WrapAlgorithm != KeyWrapAlgorithm.RsaOaepSha256)
        {
            throw new HsmException(HsmErrorCode.MechanismNotSupported,
                $"the token of region '{context.Name}' does not support RSA-OAEP-256; keys for it are wrapped with RSA-OAEP", context.Name);
        }

        var input = wrapped.ToArray();
        return Execute(context, "unwrap", session =>
        {
            var key = PrivateKey(context, session, keyId, KeyRole.Encryption);
            using var mechanism = OaepMechanisms.Create(session.Factories, algorithm);
            try
            {
                return session.Decrypt(mechanism, key.Handle, input);
            }
            catch (Pkcs11Exception e) when (IsDecryptionFailure(e.RV))
            {
                // SECURITY: every decryption failure (padding, length, wrong key) gets one answer, so the HSM cannot
                // serve as a padding oracle; the return code goes to the server log only.
                _logger.LogWarning("RSA-OAEP unwrap with tenant key {KeyId} in region {Region} failed: {ReturnValue}",
                    keyId, context.Name, e.RV);
                throw new HsmException(HsmErrorCode.UnwrapFailed, "the wrapped key could not be unwrapped", context.Name, e);
            }
        });
    }

    public byte[] Sign(string region, string keyId, ReadOnlySpan<byte> data, SignatureAlgorithm algorithm)
    {
        ValidateKeyId(keyId);
        var context = Region(region);
        var (mechanismType, keyType, input) = algorithm switch
        {
            // SoftHSM2 refuses CKM_ECDSA_SHA256; hashing here and signing the digest is equivalent and portable.
            SignatureAlgorithm.Es256 => (CKM.CKM_ECDSA, CKK.CKK_EC, SHA256.HashData(data)),
            SignatureAlgorithm.Rs256 => (CKM.CKM_SHA256_RSA_PKCS, CKK.CKK_RSA, data.ToArray()),
        };
        RequireMechanism(context, mechanismType);

        return Execute(context, "sign", session =>
        {
            var key = PrivateKey(context, session, keyId, KeyRole.Signing);
            if (key.KeyType != keyType)
            {
                throw new HsmException(HsmErrorCode.KeyNotFound,
                    $"tenant key '{keyId}' in region '{context.Name}' has no {JwsName(algorithm)} signing key", context.Name);
            }

            using var mechanism = session.Factories.MechanismFactory.Create(mechanismType);
            var signature = session.Sign(mechanism, key.Handle, input);
            if (algorithm == SignatureAlgorithm.Es256 && signature.Length != 64)
            {
                throw new HsmException(HsmErrorCode.DeviceError,
                    $"the HSM returned a {signature.Length}-byte ECDSA P-256 signature; expected 64 (r||s)", context.Name);
            }

            return signature;
        });
    }

    public bool KeyExists(string region, string keyId)
    {
        ValidateKeyId(keyId);
        var context = Region(region);
        return Execute(context, "find key", session =>
        {
            using var template = KeyTemplates.FindAll(session.Factories.ObjectAttributeFactory, keyId);
            return session.FindAllObjects(template.Attributes).Count > 0;
        });
    }

    public void DestroyKey(string region, string keyId)
    {
        ValidateKeyId(keyId);
        var context = Region(region);
        var destroyed = Execute(context, "destroy key", session =>
        {
            using var template = KeyTemplates.FindAll(session.Factories.ObjectAttributeFactory, keyId);
            var objects = session.FindAllObjects(template.Attributes);
            if (objects.Count == 0)
            {
                throw KeyNotFound(context, keyId);
            }

            context.Forget(keyId);
            foreach (var handle in objects)
            {
                session.DestroyObject(handle);
            }

            return objects.Count;
        });
        context.Forget(keyId);
        _logger.LogInformation("Destroyed tenant key {KeyId} ({Count} objects) in region {Region}", keyId, destroyed, context.Name);
    }

    public ISignatureKey SigningKey(string region, string keyId, SignatureAlgorithm algorithm)
    {
        ValidateKeyId(keyId);
        var context = Region(region);
        var key = Execute(context, "find key", session => PrivateKey(context, session, keyId, KeyRole.Signing));
        var expected = algorithm == SignatureAlgorithm.Es256 ? CKK.CKK_EC : CKK.CKK_RSA;
        if (key.KeyType != expected)
        {
            throw new HsmException(HsmErrorCode.KeyNotFound,
                $"tenant key '{keyId}' in region '{context.Name}' has no {JwsName(algorithm)} signing key", context.Name);
        }

        return new HsmSignatureKey(this, context.Name, keyId, algorithm);
    }

    public IKeyUnwrapper Unwrapper(string region, string keyId)
    {
        ValidateKeyId(keyId);
        var context = Region(region);
        Execute(context, "find key", session => PrivateKey(context, session, keyId, KeyRole.Encryption));
        return new HsmKeyUnwrapper(this, context.Name, keyId);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ReleaseAll();
    }

    /// <summary>Test hook: runs <paramref name="action"/> on a pooled, logged-in session of the region.</summary>
    internal T WithSession<T>(string region, Func<ISession, T> action) => Execute(Region(region), "test", action);

    /// <summary>Test hook: the handle of a tenant private key, found the way the vault finds it.</summary>
    internal IObjectHandle PrivateKeyHandle(ISession session, string region, string keyId, bool signing) =>
        PrivateKey(Region(region), session, keyId, signing ? KeyRole.Signing : KeyRole.Encryption).Handle;

    private RegionContext Region(string region)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (region is not null && _regions.TryGetValue(region, out var context))
        {
            return context;
        }

        throw new HsmException(HsmErrorCode.RegionNotServed,
            $"region '{region}' is not served by this appliance node; it serves: {string.Join(", ", _regionNames)}", region);
    }

    /// <summary>
    /// Runs one operation on a pooled session. A lost session is replaced, and a stale object handle (the key was
    /// destroyed or re-created elsewhere) re-looked-up, once; any other PKCS#11 failure becomes an HsmException.
    /// </summary>
    private T Execute<T>(RegionContext context, string operation, Func<ISession, T> action, bool retry = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            var session = context.Pool.Rent();
            var discard = false;
            try
            {
                return action(session);
            }
            catch (Pkcs11Exception e) when (retry && attempt == 1 && (Pkcs11Errors.IsSessionLost(e.RV) || Pkcs11Errors.IsStaleHandle(e.RV)))
            {
                discard = Pkcs11Errors.IsSessionLost(e.RV);
                context.ForgetAll();
                _logger.LogWarning("HSM '{Operation}' in region {Region} answered {ReturnValue}; retrying once", operation, context.Name, e.RV);
            }
            catch (Pkcs11Exception e)
            {
                discard = true;
                _logger.LogWarning("HSM '{Operation}' in region {Region} failed: {ReturnValue}", operation, context.Name, e.RV);
                throw Pkcs11Errors.Map(e, context.Name, operation);
            }
            catch (HsmException e) when (e.InnerException is Pkcs11Exception)
            {
                // A failed PKCS#11 call may leave an operation half-open; a fresh session is cheap insurance.
                discard = true;
                throw;
            }
            catch (Exception e) when (e is not HsmException)
            {
                discard = true;
                throw;
            }
            finally
            {
                context.Pool.Return(session, discard);
            }
        }
    }

    private static TenantKeyMaterial Generate(RegionContext context, ISession session, string keyId,
        TenantKeyAlgorithm encryption, ulong bits, SignatureAlgorithm signing)
    {
        var attributes = session.Factories.ObjectAttributeFactory;
        using (var existing = KeyTemplates.FindAll(attributes, keyId))
        {
            if (session.FindAllObjects(existing.Attributes).Count > 0)
            {
                throw new HsmException(HsmErrorCode.KeyAlreadyExists,
                    $"tenant key '{keyId}' already exists in region '{context.Name}'", context.Name);
            }
        }

        context.Forget(keyId);
        var created = new List<IObjectHandle>();
        try
        {
            var (encryptionPublic, encryptionPrivate) = GeneratePair(session, CKM.CKM_RSA_PKCS_KEY_PAIR_GEN,
                () => KeyTemplates.EncryptionPublic(attributes, keyId, bits),
                denyCopy => KeyTemplates.EncryptionPrivate(attributes, keyId, denyCopy));
            created.Add(encryptionPublic);
            created.Add(encryptionPrivate);

            var (signingPublic, signingPrivate) = signing switch
            {
                SignatureAlgorithm.Es256 => GeneratePair(session, CKM.CKM_EC_KEY_PAIR_GEN,
                    () => KeyTemplates.EcSigningPublic(attributes, keyId),
                    denyCopy => KeyTemplates.SigningPrivate(attributes, keyId, denyCopy)),
                SignatureAlgorithm.Rs256 => GeneratePair(session, CKM.CKM_RSA_PKCS_KEY_PAIR_GEN,
                    () => KeyTemplates.RsaSigningPublic(attributes, keyId),
                    denyCopy => KeyTemplates.SigningPrivate(attributes, keyId, denyCopy)),
            };
            created.Add(signingPublic);
            created.Add(signingPrivate);

            var encryptionSpki = PublicKeyReader.RsaSubjectPublicKeyInfo(session, encryptionPublic);
            var signingSpki = signing == SignatureAlgorithm.Es256
                ? PublicKeyReader.P256SubjectPublicKeyInfo(session, signingPublic)
                : PublicKeyReader.RsaSubjectPublicKeyInfo(session, signingPublic);

            context.Remember(keyId, KeyRole.Encryption, new CachedKey(encryptionPrivate, CKK.CKK_RSA));
            context.Remember(keyId, KeyRole.Signing,
                new CachedKey(signingPrivate, signing == SignatureAlgorithm.Es256 ? CKK.CKK_EC : CKK.CKK_RSA));
            return new TenantKeyMaterial(keyId, context.Name, encryption, signing, context.Token.WrapAlgorithm, encryptionSpki, signingSpki);
        }
        catch
        {
            // All or nothing: never leave half a key version behind.
            foreach (var handle in created)
            {
                try
                {
                    session.DestroyObject(handle);
                }
                catch (Pkcs11Exception)
                {
                    // The original failure is what the caller needs to see.
                }
            }

            context.Forget(keyId);
            throw;
        }
    }

    private static (IObjectHandle Public, IObjectHandle Private) GeneratePair(ISession session, CKM mechanismType,
        Func<Template> publicTemplate, Func<bool, Template> privateTemplate)
    {
        try
        {
            return GeneratePair(session, mechanismType, publicTemplate, privateTemplate, denyCopy: true);
        }
        catch (Pkcs11Exception e) when (e.RV == CKR.CKR_ATTRIBUTE_TYPE_INVALID)
        {
            // A PKCS#11 v2.20 device without CKA_COPYABLE; the key is still sensitive and non-extractable.
            return GeneratePair(session, mechanismType, publicTemplate, privateTemplate, denyCopy: false);
        }
    }

    private static (IObjectHandle Public, IObjectHandle Private) GeneratePair(ISession session, CKM mechanismType,
        Func<Template> publicTemplate, Func<bool, Template> privateTemplate, bool denyCopy)
    {
        using var mechanism = session.Factories.MechanismFactory.Create(mechanismType);
        using var publicAttributes = publicTemplate();
        using var privateAttributes = privateTemplate(denyCopy);
        session.GenerateKeyPair(mechanism, publicAttributes.Attributes, privateAttributes.Attributes,
            out var publicKey, out var privateKey);
        return (publicKey, privateKey);
    }

    private static CachedKey PrivateKey(RegionContext context, ISession session, string keyId, KeyRole role)
    {
        if (context.TryGet(keyId, role, out var cached))
        {
            return cached;
        }

        var suffix = role == KeyRole.Encryption ? KeyTemplates.EncryptionSuffix : KeyTemplates.SigningSuffix;
        List<IObjectHandle> found;
        using (var template = KeyTemplates.FindPrivate(session.Factories.ObjectAttributeFactory, keyId, suffix))
        {
            found = session.FindAllObjects(template.Attributes);
        }

        if (found.Count == 0)
        {
            throw KeyNotFound(context, keyId);
        }

        if (found.Count > 1)
        {
            throw new HsmException(HsmErrorCode.DeviceError,
                $"region '{context.Name}' holds {found.Count} {role} keys with id '{keyId}'; refusing to guess", context.Name);
        }

        var attributes = session.GetAttributeValue(found[0], [CKA.CKA_KEY_TYPE]);
        CKK keyType;
        try
        {
            keyType = (CKK)attributes[0].GetValueAsUlong();
        }
        finally
        {
            attributes.ForEach(attribute => attribute.Dispose());
        }

        var key = new CachedKey(found[0], keyType);
        context.Remember(keyId, role, key);
        return key;
    }

    private static HsmException KeyNotFound(RegionContext context, string keyId) =>
        new(HsmErrorCode.KeyNotFound, $"tenant key '{keyId}' does not exist in region '{context.Name}'", context.Name);

    private static void RequireMechanism(RegionContext context, CKM mechanism)
    {
        // An empty list means the device would not say; then the call itself will tell.
        if (context.Token.Mechanisms.Count > 0 && !context.Token.Mechanisms.Contains(mechanism))
        {
            throw new HsmException(HsmErrorCode.MechanismNotSupported,
                $"the token of region '{context.Name}' does not offer {mechanism}", context.Name);
        }
    }

    private static bool IsDecryptionFailure(CKR rv) =>
        rv is CKR.CKR_ENCRYPTED_DATA_INVALID or CKR.CKR_ENCRYPTED_DATA_LEN_RANGE or CKR.CKR_DATA_INVALID
            or CKR.CKR_DATA_LEN_RANGE
            // SoftHSM2 reports OAEP integrity failures as the generic CKR_GENERAL_ERROR.
            or CKR.CKR_GENERAL_ERROR;

    private static void ValidateKeyId(string keyId)
    {
        if (string.IsNullOrWhiteSpace(keyId) || keyId.Length > MaxKeyIdLength || keyId.Any(char.IsControl))
        {
            throw new ArgumentException($"a key id is 1 to {MaxKeyIdLength} printable characters", nameof(keyId));
        }
    }

    private static string JwsName(SignatureAlgorithm algorithm) => algorithm switch
    {
        SignatureAlgorithm.Es256 => "ES256",
        SignatureAlgorithm.Rs256 => "RS256",
    };

    private void ReleaseAll()
    {
        foreach (var context in _regions.Values)
        {
            context.Pool.Dispose();
            _module.ReleaseToken(context.Token);
        }

        _regions.Clear();
        _module.Release();
    }
}
