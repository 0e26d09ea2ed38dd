using System.Buffers.Text;
using System.Text;
using Appliance.Crypto.Signing;

namespace Appliance.Crypto.Tests.Support;

/// <summary>Takes JWS strings apart and puts them back together, re-signing so that a test reaches the payload parser.</summary>
internal static class JwsText
{
    internal static string[] Split(string jws) => jws.Split('.');

    internal static string HeaderJson(string jws) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(Split(jws)[0]));

    internal static string PayloadJson(string jws) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(Split(jws)[1]));

    internal static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    /// <summary>A JWS over the given header and payload bytes, validly signed by <paramref name="key"/>.</summary>
    internal static async Task<string> SignAsync(byte[] header, byte[] payload, ISignatureKey key)
    {
        var input = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        var signature = await key.SignAsync(Encoding.ASCII.GetBytes(input), CancellationToken.None);
        return input + "." + Base64Url.EncodeToString(signature);
    }

    internal static Task<string> SignAsync(string headerJson, string payloadJson, ISignatureKey key) =>
        SignAsync(Encoding.UTF8.GetBytes(headerJson), Encoding.UTF8.GetBytes(payloadJson), key);

    /// <summary>Re-signs <paramref name="jws"/> with its payload JSON changed by <paramref name="edit"/>.</summary>
    internal static Task<string> ResignWithPayloadAsync(string jws, Func<string, string> edit, ISignatureKey key) =>
        SignAsync(HeaderJson(jws), edit(PayloadJson(jws)), key);
}
