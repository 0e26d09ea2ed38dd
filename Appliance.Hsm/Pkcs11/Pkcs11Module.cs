using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Appliance.Hsm.Pkcs11;

/// <summary>
/// Process-wide registry of loaded PKCS#11 modules and of the tokens logged in through them.
/// A module may be C_Initialize'd only once per process (SoftHSM2 reads SOFTHSM2_CONF then, and a second
/// C_Initialize fails), and C_Login happens once per token per process (a second one answers
/// CKR_USER_ALREADY_LOGGED_IN whatever the PIN), so every vault instance in the process shares these.
/// Both are reference-counted: the last vault to let go logs out and finalizes.
/// </summary>
internal sealed class Pkcs11Module
{
    private static readonly Lock RegistryLock = new();
    private static readonly Dictionary<string, Pkcs11Module> Loaded = new(StringComparer.Ordinal);

    /// <summary>What a token can do does not change while the process runs; the probe costs an RSA key generation.</summary>
    private static readonly Dictionary<(string Module, string Label), KeyWrapAlgorithm> ProbedWrapAlgorithms = [];

    private readonly Dictionary<string, TokenLogin> _tokens = new(StringComparer.Ordinal);
    private int _references;

    private Pkcs11Module(string path, IPkcs11Library library)
    {
        Path = path;
        Library = library;
    }

    public string Path { get; }

    /// <summary>Test hook: modules currently loaded by this process, and the tokens logged in through them.</summary>
    internal static (int Modules, int Tokens) LoadedCount
    {
        get
        {
            lock (RegistryLock)
            {
                return (Loaded.Count, Loaded.Values.Sum(module => module._tokens.Count));
            }
        }
    }

    public IPkcs11Library Library { get; }

    public static Pkcs11Module Acquire(string modulePath)
    {
        var path = CanonicalPath(modulePath);
        lock (RegistryLock)
        {
            if (!Loaded.TryGetValue(path, out var module))
            {
                module = Load(path);
                Loaded.Add(path, module);
            }

            module._references++;
            return module;
        }
    }

    public void Release()
    {
        lock (RegistryLock)
        {
            if (--_references > 0)
            {
                return;
            }

            Loaded.Remove(Path);
            foreach (var token in _tokens.Values)
            {
                CloseAnchor(token);
            }

            _tokens.Clear();
            Library.Dispose(); // C_Finalize and unload
        }
    }

    /// <summary>
    /// Logs in to the token labelled <paramref name="label"/>, or joins the existing login after checking that
    /// <paramref name="pin"/> is the PIN that logged in (the token itself would no longer check it).
    /// </summary>
    public TokenLogin AcquireToken(string region, string label, ReadOnlySpan<byte> pin)
    {
        var pinHash = SHA256.HashData(pin);
        lock (RegistryLock)
        {
            if (_tokens.TryGetValue(label, out var existing))
            {
                // SECURITY: compare digests in constant time; the PIN itself is not kept in the registry.
                if (!CryptographicOperations.FixedTimeEquals(existing.PinHash, pinHash))
                {
                    throw new HsmException(HsmErrorCode.WrongPin,
                        $"wrong PIN for token '{label}' of region '{region}'", region);
                }

                existing.References++;
                return existing;
            }

            var login = Login(region, label, pin.ToArray(), pinHash);
            login.References = 1;
            _tokens.Add(label, login);
            return login;
        }
    }

    public void ReleaseToken(TokenLogin token)
    {
        lock (RegistryLock)
        {
            if (--token.References > 0)
            {
                return;
            }

            _tokens.Remove(token.Label);
            CloseAnchor(token);
        }
    }

    private static string CanonicalPath(string modulePath)
    {
        if (string.IsNullOrWhiteSpace(modulePath))
        {
            throw new HsmException(HsmErrorCode.ModuleNotFound, "no PKCS#11 module is configured (Hsm:ModulePath)");
        }

        var full = System.IO.Path.GetFullPath(modulePath);
        if (!File.Exists(full))
        {
            throw new HsmException(HsmErrorCode.ModuleNotFound, $"the PKCS#11 module '{full}' does not exist");
        }

        // Two paths to one file (a compatibility symlink) load one library; register it once.
        return new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
    }

    private static Pkcs11Module Load(string path)
    {
        NativeLibraryResolver.EnsureRegistered();
        var factories = new Pkcs11InteropFactories();
        try
        {
            var library = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, path, AppType.MultiThreaded);
            return new Pkcs11Module(path, library);
        }
        catch (Pkcs11Exception e)
        {
            throw new HsmException(HsmErrorCode.DeviceError, $"the PKCS#11 module '{path}' failed to initialise ({e.RV})", null, e);
        }
        catch (Exception e) when (e is UnmanagedException or DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
        {
            throw new HsmException(HsmErrorCode.ModuleNotFound,
                $"'{path}' could not be loaded as a PKCS#11 module ({e.GetType().Name}: {e.Message})", null, e);
        }
    }

    private TokenLogin Login(string region, string label, byte[] pin, byte[] pinHash)
    {
        var slot = FindSlot(region, label);
        ISession? session = null;
        try
        {
            session = slot.OpenSession(SessionType.ReadWrite);
            session.Login(CKU.CKU_USER, pin);
            if (!ProbedWrapAlgorithms.TryGetValue((Path, label), out var wrapAlgorithm))
            {
                wrapAlgorithm = MechanismProbe.SupportsOaepSha256(session) ? KeyWrapAlgorithm.RsaOaepSha256 : KeyWrapAlgorithm.RsaOaepSha1;
                ProbedWrapAlgorithms[(Path, label)] = wrapAlgorithm;
            }

            var login = new TokenLogin(label, slot, session, pinHash, wrapAlgorithm, MechanismProbe.ListMechanisms(slot));
            session = null;
            return login;
        }
        catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // Some other code in this process logged in without this registry; the PIN cannot be verified then.
            throw new HsmException(HsmErrorCode.DeviceError,
                $"token '{label}' of region '{region}' is already logged in by another component of this process; its PIN cannot be verified",
                region, e);
        }
        catch (Pkcs11Exception e)
        {
            throw Pkcs11Errors.Map(e, region, "login");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pin);
            if (session is not null)
            {
                TryClose(session);
            }
        }
    }

    private ISlot FindSlot(string region, string label)
    {
        List<ISlot> slots;
        try
        {
            slots = Library.GetSlotList(SlotsType.WithTokenPresent);
        }
        catch (Pkcs11Exception e)
        {
            throw Pkcs11Errors.Map(e, region, "list slots");
        }

        var matches = new List<ISlot>();
        var labels = new List<string>();
        foreach (var slot in slots)
        {
            try
            {
                var info = slot.GetTokenInfo();
                if (!info.TokenFlags.TokenInitialized)
                {
                    continue;
                }

                var tokenLabel = info.Label.Trim();
                labels.Add(tokenLabel);
                if (tokenLabel == label)
                {
                    matches.Add(slot);
                }
            }
            catch (Pkcs11Exception)
            {
                // A slot whose token vanished while listing; it cannot be the one configured.
            }
        }

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new HsmException(HsmErrorCode.TokenNotFound,
                $"no token labelled '{label}' (region '{region}') in module '{Path}'; tokens present: {(labels.Count == 0 ? "none" : string.Join(", ", labels))}",
                region),
            _ => throw new HsmException(HsmErrorCode.TokenNotFound,
                $"{matches.Count} tokens are labelled '{label}' (region '{region}'); labels must be unique", region),
        };
    }

    private static void CloseAnchor(TokenLogin token)
    {
        try
        {
            token.AnchorSession.Logout();
        }
        catch (Pkcs11Exception)
        {
            // Already logged out (device reset); closing the session is what matters.
        }

        TryClose(token.AnchorSession);
    }

    private static void TryClose(ISession session)
    {
        try
        {
            session.Dispose(); // C_CloseSession
        }
        catch (Pkcs11Exception)
        {
            // The session is gone already.
        }
    }
}
