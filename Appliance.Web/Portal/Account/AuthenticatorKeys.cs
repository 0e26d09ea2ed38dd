using System.Text;
using QRCoder;

namespace Appliance.Web.Portal.Account;

/// <summary>How an authenticator key is shown: grouped for typing, as an otpauth URI and as its QR code.</summary>
internal static class AuthenticatorKeys
{
    public static string Format(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }

    /// <summary>The Key URI Format understood by authenticator apps (otpauth://totp/ISSUER:ACCOUNT?secret=…&amp;issuer=…).</summary>
    public static string Uri(string issuer, string account, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}"
        + $"?secret={key}&issuer={System.Uri.EscapeDataString(issuer)}&digits=6";

    /// <summary>An inline SVG: no image endpoint, and the key never appears in a URL or a server log.</summary>
    public static string QrSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
