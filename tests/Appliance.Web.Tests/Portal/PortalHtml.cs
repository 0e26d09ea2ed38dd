using System.Net;
using System.Text.RegularExpressions;

namespace Appliance.Web.Tests.Portal;

/// <summary>Reads what a static-rendered portal page shows, by the data-testid its markup carries.</summary>
internal static partial class PortalHtml
{
    public static async Task<string> PageAsync(PortalClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {html}");
        return html;
    }

    public static async Task<string> PostAsync(PortalClient client, string path, string form, Dictionary<string, string> fields)
    {
        using var response = await client.PostFormAsync(path, form, fields);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path} ({form}): {(int)response.StatusCode} {html}");
        return html;
    }

    /// <summary>The text of every element marked <c>data-testid="<paramref name="testId"/>"</c> that holds text only.</summary>
    public static List<string> Texts(string html, string testId) =>
        [.. Regex.Matches(html, $"data-testid=\"{Regex.Escape(testId)}\"[^>]*>([^<]*)<").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim())];

    public static string? Text(string html, string testId) => Texts(html, testId).FirstOrDefault();

    /// <summary>The cells of the overview's row for <paramref name="tenant"/>, by data-testid.</summary>
    public static Dictionary<string, string> OverviewRow(string html, string tenant)
    {
        var row = Regex.Match(html, $"<tr data-testid=\"tenant-row\" data-tenant=\"{Regex.Escape(WebUtility.HtmlEncode(tenant))}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"no overview row for {tenant}");
        return CellRegex().Matches(row.Groups[1].Value).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value).Trim());
    }

    [GeneratedRegex("data-testid=\"([a-z-]+)\">([^<]*)<")]
    private static partial Regex CellRegex();
}
