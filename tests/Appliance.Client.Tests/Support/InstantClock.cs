namespace Appliance.Client.Tests.Support;

/// <summary>
/// A clock on which every wait ends at once and moves time forward by its length, so that code which
/// waits (the device sign-in polls) runs instantly and the test can read back what it waited.
/// </summary>
internal sealed class InstantClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now;

    public InstantClock()
        : this(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public InstantClock(DateTimeOffset start)
    {
        _now = start;
    }

    public List<TimeSpan> Delays { get; } = [];

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Moves the time forward (or back, with a negative span) without waiting.</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            Delays.Add(dueTime);
            _now += dueTime;
        }

        return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
