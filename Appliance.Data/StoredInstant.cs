namespace Appliance.Data;

/// <summary>Instants as both databases keep them: whole microseconds.</summary>
public static class StoredInstant
{
    /// <summary>
    /// The value a round trip through the database gives back. A value later compared with the stored one (a claim
    /// stamp, a revocation time in a response) must be this one, or the comparison fails on PostgreSQL.
    /// </summary>
    public static DateTimeOffset Of(DateTimeOffset instant) => instant.AddTicks(-(instant.UtcTicks % TimeSpan.TicksPerMicrosecond));
}
