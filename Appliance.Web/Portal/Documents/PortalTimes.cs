using System.Globalization;

namespace Appliance.Web.Portal.Documents;

/// <summary>Times as the document pages show them: UTC, to the second, the same for every reader.</summary>
internal static class PortalTimes
{
    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset? at) => at is { } value ? Format(value) : "—";
}
