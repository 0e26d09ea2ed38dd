using System.Net;
using System.Net.Http.Json;
using Appliance.Crypto.Protocol;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Portal;
using Appliance.Web.Tests.Support;
using Appliance.Web.Usage.Reports;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Usage;

/// <summary>The admin API's usage list and exports on a real node, with the entries seeded straight into its log.</summary>
public sealed class UsageExportTests(PortalNode fixture) : IClassFixture<PortalNode>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ExportCsv_HostileValues_QuotedAndFormulasNeutralised()
    {
        // Arrange - what callers control (file names, client strings, addresses) written as a spreadsheet would run it.
        var content = Guid.NewGuid();
        var tenant = await ContosoAsync();
        await SeedAsync(
            UsageSeed.Entry(tenant, T0, "AcquireLicense", "=cmd@contoso.test", UsageResult.Granted, content, fileName: "=SUM(A1:A2)",
                clientInfo: "+1 \"quoted\", with\nnewline"),
            UsageSeed.Entry(tenant, T0.AddMinutes(1), "AcquireLicense", "bob@contoso.test", UsageResult.Denied, content,
                fileName: "@evil.docx", clientInfo: "-2", errorCode: "access-denied"),
            UsageSeed.Entry(tenant, T0.AddMinutes(2), "AcquireLicense", "bob@contoso.test", UsageResult.Granted, Guid.NewGuid()));

        // Act
        using var response = await fixture.Admin.GetAsync($"/api/admin/v1/usage/export?format=csv&contentId={content}&sort=time&dir=asc");
        var csv = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var lines = csv.Split("\r\n");
        Assert.Equal(string.Join(',', UsageCsv.Header), lines[0]);
        // The entry with another content id is filtered out: a header, two records (a quoted line feed inside one), the end.
        Assert.Equal(4, lines.Length);
        Assert.Equal("", lines[^1]);
        Assert.Contains(",AcquireLicense,,\"'=cmd@contoso.test\",Granted,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"'=SUM(A1:A2)\",", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"'+1 \"\"quoted\"\", with\nnewline\",", lines[1], StringComparison.Ordinal);
        Assert.Contains(",Denied,access-denied,", lines[2], StringComparison.Ordinal);
        Assert.Contains(",\"'@evil.docx\",", lines[2], StringComparison.Ordinal);
        Assert.Contains(",\"'-2\",", lines[2], StringComparison.Ordinal);
        Assert.Equal(content.ToString(), lines[2].Split(',')[9]);
        Assert.Equal("2026-03-01T08:01:00.000000Z", lines[2].Split(',')[1]);
    }

    [Fact]
    public async Task ExportW3c_Entries_DirectivesAndOneTabSeparatedLinePerEntry()
    {
        // Arrange
        var content = Guid.NewGuid();
        var template = Guid.NewGuid();
        var tenant = await ContosoAsync();
        await SeedAsync(
            UsageSeed.Entry(tenant, T0.AddHours(1), "AcquireLicense", "alice@contoso.test", UsageResult.Granted, content, template,
                fileName: "a\tb\r\nc.docx", clientInfo: "RMS/1.0 (Windows)"),
            UsageSeed.Entry(tenant, T0.AddHours(2), "Publish", null, UsageResult.Failed, content));

        // Act
        using var response = await fixture.Admin.GetAsync($"/api/admin/v1/usage/export?format=w3c&contentId={content}&tenant={tenant}");
        var log = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = log.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("#Version: 1.1", lines[1]);
        Assert.StartsWith("#Software: ", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^#Date: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", lines[2]);
        Assert.Equal("#Fields: date time row-id request-type user-id result correlation-id content-id owner-email issuer template-id "
            + "file-name date-published c-info c-ip admin-action acting-as-user", lines[3]);
        Assert.Equal(6, lines.Length);
        var newest = lines[4].Split('\t');
        var oldest = lines[5].Split('\t');
        Assert.All(new[] { newest, oldest }, fields => Assert.Equal(17, fields.Length));
        Assert.Equal(["2026-03-01", "10:00:00"], newest[..2]);
        Assert.Equal(["Publish", "-", "Failed"], newest[3..6]);
        Assert.Equal(["AcquireLicense", "alice@contoso.test", "Granted"], oldest[3..6]);
        Assert.Equal($"{{{content}}}", oldest[7]);
        Assert.Equal($"{{{template}}}", oldest[10]);
        Assert.Equal("a b  c.docx", oldest[11]);
        Assert.Equal("RMS/1.0 (Windows)", oldest[13]);
        Assert.Equal("-", oldest[16]);
    }

    [Fact]
    public async Task Export_Filtered_LogsWhoExportedWhatInTheTenantsChain()
    {
        // Arrange
        var tenant = await ContosoAsync();
        var content = Guid.NewGuid();
        await SeedAsync(UsageSeed.Entry(tenant, T0, "AcquireLicense", "alice@contoso.test", UsageResult.Granted, content));

        // Act
        using var response = await fixture.Admin.GetAsync($"/api/admin/v1/usage/export?tenant={tenant}&contentId={content}");
        await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.RequestType == "Admin" && e.AdminAction!.Contains(content.ToString())).SingleAsync());
        Assert.StartsWith("ExportUsage csv tenant=", entry.AdminAction, StringComparison.Ordinal);
        Assert.Equal(tenant, entry.TenantId);
        Assert.Equal(tenant.ToString("D"), entry.Chain);
        Assert.Equal(UsageResult.Granted, entry.Result);
    }

    [Fact]
    public async Task List_ReportFilters_AppliedAndNewFieldsReturned()
    {
        // Arrange
        var tenant = await ContosoAsync();
        var content = Guid.NewGuid();
        var template = Guid.NewGuid();
        await SeedAsync(
            UsageSeed.Entry(tenant, T0, "AcquireLicense", "list@contoso.test", UsageResult.Denied, content, template, "plan.docx"),
            UsageSeed.Entry(tenant, T0.AddHours(1), "AcquireLicense", "list@contoso.test", UsageResult.Granted, content, template, "plan.docx"),
            UsageSeed.Entry(tenant, T0.AddHours(2), "AcquireLicense", "other@contoso.test", UsageResult.Denied, content, template, "plan.docx"));

        // Act
        var denied = await fixture.Admin.GetFromJsonAsync<List<UsageLogEntryDto>>(
            $"/api/admin/v1/usage?tenant={tenant}&user=list@contoso.test&result=denied&templateId={template}");
        var inRange = await fixture.Admin.GetFromJsonAsync<List<UsageLogEntryDto>>(
            $"/api/admin/v1/usage?contentId={content}&from=2026-03-01T08:30:00Z&to=2026-03-01T10:30:00%2B00:00&sort=user&dir=desc");
        var limited = await fixture.Admin.GetFromJsonAsync<List<UsageLogEntryDto>>($"/api/admin/v1/usage?contentId={content}&limit=1");
        var before = await fixture.Admin.GetFromJsonAsync<List<UsageLogEntryDto>>($"/api/admin/v1/usage?contentId={content}&before={limited![0].Id}");

        // Assert
        var only = Assert.Single(denied!);
        Assert.Equal(("list@contoso.test", "Denied", tenant, template, "plan.docx"), (only.UserEmail, only.Result, only.TenantId, only.TemplateId, only.FileName));
        Assert.Equal(["other@contoso.test", "list@contoso.test"], inRange!.Select(e => e.UserEmail));
        Assert.Equal("other@contoso.test", Assert.Single(limited).UserEmail);
        Assert.Equal(2, before!.Count);
    }

    [Theory]
    [InlineData("/usage?from=yesterday", "from")]
    [InlineData("/usage?to=2026-13-01", "to")]
    [InlineData("/usage?from=2026-03-02&to=2026-03-01", "to")]
    [InlineData("/usage?result=Maybe", "result")]
    [InlineData("/usage?contentId=not-a-guid", "contentId")]
    [InlineData("/usage?tenant=contoso", "tenant")]
    [InlineData("/usage?requestType=Acquire%20License", "requestType")]
    [InlineData("/usage?sort=size", "sort")]
    [InlineData("/usage?dir=up", "dir")]
    [InlineData("/usage/export?templateId=1", "templateId")]
    [InlineData("/usage/export?format=xlsx", "format")]
    public async Task ListAndExport_BadFilter_ProblemNamingTheParameter(string path, string parameter)
    {
        // Act
        using var response = await fixture.Admin.GetAsync("/api/admin/v1" + path);

        // Assert
        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.InvalidUsageFilter);
        Assert.Contains($"'{parameter}'", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_PlainUser_Forbidden()
    {
        // Arrange
        await fixture.AddUserAsync("export-plain@contoso.test");
        using var plain = await fixture.Node.SignInAsync("export-plain@contoso.test", PortalNode.PasswordOf("export-plain@contoso.test"));

        // Act
        using var response = await plain.GetAsync("/api/admin/v1/usage/export?format=csv");

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private Task<Guid> ContosoAsync() => fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == "Contoso").Select(t => t.Id).SingleAsync());

    private Task<int> SeedAsync(params UsageLogEntry[] entries) => fixture.Node.QueryAsync(async db =>
    {
        foreach (var entry in entries)
        {
            db.UsageLog.Add(entry);
            await db.SaveChangesAsync();
        }

        return entries.Length;
    });
}
