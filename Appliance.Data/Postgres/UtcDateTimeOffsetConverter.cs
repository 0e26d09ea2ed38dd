using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Appliance.Data.Postgres;

/// <summary>Writes every <see cref="DateTimeOffset"/> as UTC; values read back have offset zero.</summary>
internal sealed class UtcDateTimeOffsetConverter()
    : ValueConverter<DateTimeOffset, DateTimeOffset>(value => value.ToUniversalTime(), value => value);
