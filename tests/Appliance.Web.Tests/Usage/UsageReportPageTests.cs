using System.Net;
using System.Text.RegularExpressions;
using Appliance.Data.Usage;
using Appliance.Web.Identity;
using Appliance.Web.Tests.Portal;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Usage;

/// <summary>The portal's usage page, static-rendered: what an auditor sees and follows, and who is kept out.</summary>
public sealed partial class UsageReportPageTests(PortalNode fixture) : IClassFixture<PortalNode>
{
    [Fact]
    public async Task UsagePage_Auditor_GridChartsFiltersSortAndExportAgree()
    {
        // Arrange - recent entries, so the page's default range (the last seven days) holds them.
        // The auditor of Fabrikam also holds the role for Contoso, whose entries the page shows.
        await fixture.AddUserForAsync("usage-auditor@fabrikam.test", ["fabrikam.test", "contoso.test"], ApplianceRoles.Auditor);
        var contoso = await fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == "Contoso").Select(t => t.Id).SingleAsync());
        var content = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var ids = await fixture.Node.QueryAsync(async db =>
        {
            var entries = new[]
            {
                UsageSeed.Entry(contoso, now.AddHours(-3), "AcquireLicense", "zoe@contoso.test", UsageResult.Granted, content, fileName: "page.docx"),
                UsageSeed.Entry(contoso, now.AddHours(-2), "AcquireLicense", "adam@contoso.test", UsageResult.Denied, content, fileName: "page.docx"),
                UsageSeed.Entry(contoso, now.AddHours(-1), "Publish", "zoe@contoso.test", UsageResult.Granted, Guid.NewGuid(), fileName: "other.docx"),
                UsageSeed.Entry(contoso, now.AddDays(-9), "AcquireLicense", "old@contoso.test", UsageResult.Granted, content),
            };
            db.UsageLog.AddRange(entries);
            await db.SaveChangesAsync();
            return entries.Select(e => e.Id).ToArray();
        });
        using var auditor = await fixture.PortalAsync("usage-auditor@fabrikam.test");

        // Act
        var page = await PortalHtml.PageAsync(auditor, $"/reports/usage?tenant={contoso}");
        var byUser = await PortalHtml.PageAsync(auditor, $"/reports/usage?tenant={contoso}&sort=user&dir=asc");
        var narrowed = await PortalHtml.PageAsync(auditor, $"/reports/usage?tenant={contoso}&contentId={content}&result=Denied&from=");
        var export = Href(narrowed, "export-csv");
        using var csv = await auditor.GetAsync("/" + export);
        var csvText = await csv.Content.ReadAsStringAsync();

        // Assert - the grid: the last seven days by default (not the nine-day-old entry), newest first ...
        Assert.Contains("data-testid=\"usage-grid\"", page, StringComparison.Ordinal);
        // (The node's own entries, such as the organisation's activation, are in the range too.)
        Assert.Equal([ids[2], ids[1], ids[0]], EntryIds(page).Where(ids.Contains));
        Assert.Equal(["adam@contoso.test", "zoe@contoso.test", "zoe@contoso.test"], PortalHtml.Texts(byUser, "entry-user").Where(u => u is "adam@contoso.test" or "zoe@contoso.test"));
        // ... the charts, drawn from the same filter ...
        Assert.Contains("data-testid=\"timeline-chart\"", page, StringComparison.Ordinal);
        Assert.Contains("<svg role=\"img\"", page, StringComparison.Ordinal);
        Assert.Contains("<title id=\"timeline-title\">Requests and refusals per day</title>", page, StringComparison.Ordinal);
        Assert.Matches($"data-testid=\"top-documents\"[\\s\\S]*data-key=\"{content}\" data-requests=\"2\"", page);
        Assert.Matches("data-testid=\"top-users\"[\\s\\S]*data-key=\"zoe@contoso.test\" data-requests=\"2\"", page);
        // ... a narrower filter (an empty start: from the first entry) and an export that holds exactly its rows.
        Assert.Equal([ids[1]], EntryIds(narrowed));
        Assert.Equal("1 request, 1 refused.", PortalHtml.Text(narrowed, "usage-summary"));
        Assert.Contains($"contentId={content}", export, StringComparison.Ordinal);
        Assert.Contains("result=Denied", export, StringComparison.Ordinal);
        Assert.Contains("format=csv", export, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var records = csvText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, records.Length);
        Assert.StartsWith($"{ids[1]},", records[1], StringComparison.Ordinal);
        Assert.Contains(",adam@contoso.test,Denied,", records[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsagePage_BadFilter_SaysWhyAndShowsNoRows()
    {
        // Arrange
        using var admin = await fixture.PortalAsync("admin", Support.ApplianceFactory.AdminPassword);

        // Act
        var page = await PortalHtml.PageAsync(admin, "/reports/usage?contentId=nope&result=Maybe");

        // Assert - a report that dropped the filter it could not read would show more than was asked for.
        Assert.Contains("'contentId' must be", PortalHtml.Text(page, "error"), StringComparison.Ordinal);
        Assert.Contains("'result' must be", PortalHtml.Text(page, "error"), StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"usage-grid\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsagePageAndExport_PlainUserOrAnonymous_Refused()
    {
        // Arrange
        await fixture.AddUserAsync("usage-plain@contoso.test");
        using var plain = await fixture.PortalAsync("usage-plain@contoso.test");
        using var anonymous = await fixture.PortalAsync(null);

        // Act
        using var page = await plain.GetAsync("/reports/usage");
        using var export = await plain.GetAsync("/reports/usage/export?format=csv");
        using var anonymousExport = await anonymous.GetAsync("/reports/usage/export?format=w3c");

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/access-denied", PortalClient.LocationPath(page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);
        Assert.StartsWith("/account/access-denied", PortalClient.LocationPath(export), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymousExport.StatusCode);
        Assert.StartsWith("/account/login", PortalClient.LocationPath(anonymousExport), StringComparison.Ordinal);
    }

    private static List<long> EntryIds(string html) =>
        [.. EntryIdRegex().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    private static string Href(string html, string testId)
    {
        var match = Regex.Match(html, $"<a href=\"([^\"]*)\" data-testid=\"{testId}\"");
        Assert.True(match.Success, $"no link {testId}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("data-testid=\"entry-id\" data-id=\"(\\d+)\"")]
    private static partial Regex EntryIdRegex();
}
