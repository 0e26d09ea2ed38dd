using Appliance.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Portal.Admin;

/// <summary>One row of the groups grid, with its number of direct members (counted by the GroupId index).</summary>
public sealed class GroupGridRow
{
    public const string SortEmail = "email";
    public const string SortName = "name";
    public const string SortMembers = "members";

    public static readonly IReadOnlyCollection<string> SortKeys = [SortEmail, SortName, SortMembers];

    public Guid Id { get; init; }

    public string Email { get; init; } = string.Empty;

    public string? DisplayName { get; init; }

    public Guid TenantId { get; init; }

    public string Source { get; init; } = string.Empty;

    public int Members { get; init; }

    public static IQueryable<GroupGridRow> Query(ApplianceDbContext db, string? search, Guid? tenant)
    {
        var groups = db.Groups.AsNoTracking();
        if (tenant is { } t)
        {
            groups = groups.Where(g => g.TenantId == t);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            // Group addresses are stored lower-case.
            var lower = search.Trim().ToLowerInvariant();
            var upper = search.Trim().ToUpperInvariant();
#pragma warning disable CA1862 // Translated to SQL: both providers know UPPER and a substring test, not a StringComparison.
            groups = groups.Where(g => g.Email.Contains(lower) || (g.DisplayName != null && g.DisplayName.ToUpper().Contains(upper)));
#pragma warning restore CA1862
        }

        return groups.Select(g => new GroupGridRow
        {
            Id = g.Id,
            Email = g.Email,
            DisplayName = g.DisplayName,
            TenantId = g.TenantId,
            Source = g.Source,
            Members = db.GroupMemberships.Count(m => m.GroupId == g.Id),
        });
    }
}
