using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Appliance.Data.Sqlite;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as microseconds since the Unix epoch (UTC); reads it back with
/// offset zero. Sub-microsecond ticks are dropped, as PostgreSQL's <c>timestamptz</c> does.
/// </summary>
internal sealed class UnixMicrosecondsConverter()
    : ValueConverter<DateTimeOffset, long>(value => ToMicroseconds(value), value => FromMicroseconds(value))
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    private static long ToMicroseconds(DateTimeOffset value) =>
        (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond;

    private static DateTimeOffset FromMicroseconds(long value) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (value * TicksPerMicrosecond), TimeSpan.Zero);
}
