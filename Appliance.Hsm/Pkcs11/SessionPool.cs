using System.Collections.Concurrent;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Appliance.Hsm.Pkcs11;

/// <summary>
/// Sessions of one token, each used by one thread at a time: SoftHSM2 crashes the process natively when two
/// threads share a session. At most <c>max</c> sessions exist; a caller beyond that waits, up to a timeout.
/// All sessions inherit the token's login (PKCS#11 login state belongs to the application, not the session).
/// </summary>
internal sealed class SessionPool : IDisposable
{
    private readonly string _region;
    private readonly ISlot _slot;
    private readonly TimeSpan _waitTimeout;
    private readonly SemaphoreSlim _permits;
    private readonly ConcurrentBag<ISession> _idle = [];
    private readonly int _max;
    private volatile bool _disposed;

    public SessionPool(string region, ISlot slot, int max, TimeSpan waitTimeout)
    {
        _region = region;
        _slot = slot;
        _max = max;
        _waitTimeout = waitTimeout;
        _permits = new SemaphoreSlim(max, max);
    }

    public ISession Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_permits.Wait(_waitTimeout))
        {
            throw new HsmException(HsmErrorCode.DeviceError,
                $"no HSM session of region '{_region}' became free within {_waitTimeout.TotalSeconds:0} s (all {_max} busy)", _region);
        }

        if (_disposed)
        {
            _permits.Release();
            throw new ObjectDisposedException(nameof(SessionPool));
        }

        if (_idle.TryTake(out var session))
        {
            return session;
        }

        try
        {
            return _slot.OpenSession(SessionType.ReadWrite);
        }
        catch (Pkcs11Exception e)
        {
            _permits.Release();
            throw Pkcs11Errors.Map(e, _region, "open session");
        }
    }

    /// <summary>Gives a session back; a session that failed in an unknown state is closed instead of reused.</summary>
    public void Return(ISession session, bool discard)
    {
        if (discard || _disposed)
        {
            Close(session);
        }
        else
        {
            _idle.Add(session);
        }

        _permits.Release();
    }

    /// <summary>Waits for sessions in use to come back (so no call is cut off mid-flight), then closes them all.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        for (var i = 0; i < _max; i++)
        {
            if (!_permits.Wait(_waitTimeout))
            {
                break;
            }
        }

        while (_idle.TryTake(out var session))
        {
            Close(session);
        }
    }

    private static void Close(ISession session)
    {
        try
        {
            session.Dispose(); // C_CloseSession
        }
        catch (Pkcs11Exception)
        {
            // Already closed by the device.
        }
    }
}
