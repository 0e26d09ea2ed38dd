using System.Text.Json;

namespace Appliance.Client.Sdk.Http;

/// <summary>The wire JSON settings: ASP.NET Core's web defaults (camelCase, case-insensitive reads).</summary>
internal static class RmsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
