using System.Collections.Concurrent;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Appliance.Hsm.Pkcs11;

internal enum KeyRole
{
    Encryption,
    Signing,
}

/// <summary>A private key object found once; PKCS#11 object handles stay valid across the sessions of one application.</summary>
internal sealed record CachedKey(IObjectHandle Handle, CKK KeyType);

/// <summary>One served region of one vault: its token login, its session pool and its handle cache.</summary>
internal sealed class RegionContext
{
    private readonly ConcurrentDictionary<(string KeyId, KeyRole Role), CachedKey> _handles = new();

    public RegionContext(string name, TokenLogin token, SessionPool pool)
    {
        Name = name;
        Token = token;
        Pool = pool;
    }

    public string Name { get; }

    public TokenLogin Token { get; }

    public SessionPool Pool { get; }

    /// <summary>Serialises key generation in the region so "does this key id exist?" stays true until the keys exist.</summary>
    public Lock GenerationLock { get; } = new();

    public bool TryGet(string keyId, KeyRole role, out CachedKey key) => _handles.TryGetValue((keyId, role), out key!);

    public void Remember(string keyId, KeyRole role, CachedKey key) => _handles[(keyId, role)] = key;

    public void Forget(string keyId)
    {
        _handles.TryRemove((keyId, KeyRole.Encryption), out _);
        _handles.TryRemove((keyId, KeyRole.Signing), out _);
    }

    public void ForgetAll() => _handles.Clear();
}
