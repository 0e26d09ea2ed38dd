using System.Globalization;

namespace Appliance.Client.Cli;

/// <summary>`--expires DATE|Nd` of an ad-hoc policy: an instant, or a number of days after protection.</summary>
public static class ExpiryArgument
{
    public const string Syntax = "DATE|Nd";

    public const string Description =
        "No new licences after this: a date (ISO 8601, e.g. 2030-12-31 or 2030-12-31T18:00:00Z; UTC unless an offset is given) or days after protection (e.g. 30d)";

    // A century is more than any document needs and keeps the arithmetic inside DateTimeOffset's range.
    private const int MaxDays = 36_500;

    /// <summary>
    /// The instant <paramref name="value"/> names, strictly after <paramref name="now"/> (the moment of protection).
    /// Throws <see cref="UsageException"/> for 0 or negative days, anything unreadable, and a date in the past.
    /// </summary>
    public static DateTimeOffset Parse(string value, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (text.Length > 1 && char.ToLowerInvariant(text[^1]) == 'd')
        {
            return int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days)
                && days is > 0 and <= MaxDays
                ? now.AddDays(days)
                : throw Unreadable(value);
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            throw Unreadable(value);
        }

        return date > now
            ? date.ToUniversalTime()
            : throw new UsageException($"--expires '{value}' is in the past; give a later date or a number of days such as 30d");
    }

    private static UsageException Unreadable(string value) =>
        new($"--expires '{value}' must be a date such as 2030-12-31 (ISO 8601) or a number of days after protection from 1d to {MaxDays}d");
}
