using System.Net.Http.Headers;
using System.Text;

namespace Appliance.Web.Tests.Identity;

/// <summary>
/// Form bodies just over ASP.NET Core's default <c>FormOptions</c> limits, each carrying <see cref="Marker"/> in
/// its keys and values so that a test can tell whether any of it reached the log.
/// </summary>
internal static class OversizeForm
{
    public const string Marker = "form-secret-7d1f";

    public const string ValueLength = "ValueLengthLimit";
    public const string KeyLength = "KeyLengthLimit";
    public const string ValueCount = "ValueCountLimit";

    public static readonly string[] Kinds = [ValueLength, KeyLength, ValueCount];

    /// <summary>A well-formed urlencoded body of the given kind, after the ordinary fields of the endpoint.</summary>
    public static HttpContent For(string kind, IDictionary<string, string> ordinary)
    {
        var body = new StringBuilder();
        foreach (var (key, value) in ordinary)
        {
            body.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }

        switch (kind)
        {
            case ValueLength:
                // 4 MiB is the limit: one value a byte over it.
                body.Append("password=").Append(Marker).Append('a', (4 * 1024 * 1024) + 1 - Marker.Length);
                break;
            case KeyLength:
                body.Append(Marker).Append('k', 2048 + 1 - Marker.Length).Append('=').Append(Marker);
                break;
            case ValueCount:
                for (var i = 0; i <= 1024; i++)
                {
                    body.Append(Marker).Append(i).Append('=').Append(Marker).Append('&');
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a form limit");
        }

        var content = new StringContent(body.ToString());
        // As FormUrlEncodedContent sends it: no charset.
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }
}
