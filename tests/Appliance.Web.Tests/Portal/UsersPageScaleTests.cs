using System.Text.RegularExpressions;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.Portal;

/// <summary>The users page with 100 000 users: the database pages, sorts and filters; the node never reads them all.</summary>
public sealed partial class UsersPageScaleTests : IAsyncLifetime
{
    private const int Count = 100_000;

    private readonly CapturedLog _log = new();
    private ApplianceFactory _node = null!;

    public async Task InitializeAsync()
    {
        // The SQL the node runs, as EF Core logs it.
        _node = new ApplianceFactory(regions: ["na"], logs: _log, settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        });
        await _node.ActivateTenantAsync("Contoso", "na", "contoso.test");
        await BulkUsers.InsertAsync(_node, "Contoso", "user", Count);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _log.Dispose();
    }

    [Fact]
    public async Task Users_100000Users_FirstAndFilteredPagesComeFromPagedQueries()
    {
        // Arrange
        using var admin = new PortalClient(_node);
        await admin.SignInAsync("admin", ApplianceFactory.AdminPassword);

        // Act
        var (first, firstSql) = await LoadAsync(admin, "/admin/users?sort=email");
        var (last, lastSql) = await LoadAsync(admin, "/admin/users?sort=email&dir=desc&page=4001");
        var (filtered, filteredSql) = await LoadAsync(admin, "/admin/users?q=user09999");

        // Assert - the rows a person expects ...
        var firstRows = PortalHtml.Texts(first, "user-email");
        Assert.Equal(25, firstRows.Count);
        Assert.Equal("admin", firstRows[0]);
        Assert.Equal("user000001@contoso.test", firstRows[1]);
        Assert.Equal("user000024@contoso.test", firstRows[^1]);
        Assert.Equal("100,001 users · page 1 of 4,001", PortalHtml.Text(first, "pager-summary"));
        Assert.Equal(["admin"], PortalHtml.Texts(last, "user-email"));
        Assert.Equal([.. Enumerable.Range(99_990, 10).Select(i => $"user{i:D6}@contoso.test")], PortalHtml.Texts(filtered, "user-email"));

        // ... and only a page of them read: every query of the users table counts, or takes a page, or one row.
        foreach (var sql in new[] { firstSql, lastSql, filteredSql })
        {
            var userQueries = sql.Where(q => q.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal)).ToList();
            Assert.Contains(userQueries, q => q.Contains("COUNT(*)", StringComparison.Ordinal));
            Assert.Contains(userQueries, q => q.Contains("ORDER BY", StringComparison.Ordinal) && LimitRegex().IsMatch(q));
            Assert.All(userQueries, q => Assert.True(q.Contains("COUNT(*)", StringComparison.Ordinal) || LimitRegex().IsMatch(q), "unbounded query: " + q));
        }

        Assert.Contains(firstSql, q => OrderByEmailRegex().IsMatch(q));
    }

    /// <summary>A page and the SQL commands the node logged while it rendered.</summary>
    private async Task<(string Html, List<string> Sql)> LoadAsync(PortalClient client, string path)
    {
        var before = _log.Lines.Count;
        var html = await PortalHtml.PageAsync(client, path);
        return (html, [.. _log.Lines.Skip(before).Where(l => l.Contains("Executed DbCommand", StringComparison.Ordinal))]);
    }

    [GeneratedRegex(@"\bLIMIT\b")]
    private static partial Regex LimitRegex();

    // Identity's EmailIndex covers this column.
    [GeneratedRegex(@"ORDER BY ""\w+""\.""NormalizedEmail""")]
    private static partial Regex OrderByEmailRegex();
}
