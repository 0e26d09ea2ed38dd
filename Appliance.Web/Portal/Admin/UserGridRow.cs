using Appliance.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Portal.Admin;

/// <summary>One row of the users grid: only the columns it shows, so a page reads 25 narrow rows and no more.</summary>
/// <remarks>Member-initialised (not a positional record) so the grid's sort on a property translates to SQL.</remarks>
public sealed class UserGridRow
{
    public const string SortEmail = "email";
    public const string SortName = "name";
    public const string SortCreated = "created";

    public static readonly IReadOnlyCollection<string> SortKeys = [SortEmail, SortName, SortCreated];

    public Guid Id { get; init; }

    public string Email { get; init; } = string.Empty;

    /// <summary>Identity's upper-cased address: sorting on it uses its index (the seeded <c>admin</c> has none).</summary>
    public string? NormalizedEmail { get; init; }

    public string? DisplayName { get; init; }

    public Guid? TenantId { get; init; }

    public string Source { get; init; } = string.Empty;

    public DateTimeOffset? LockoutEnd { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool IsLocked(DateTimeOffset now) => LockoutEnd is { } end && end > now;

    /// <summary>
    /// Users matching <paramref name="search"/> (part of the e-mail, user name or display name, any case) in
    /// <paramref name="tenant"/>; nothing is read until the grid pages it.
    /// </summary>
    public static IQueryable<UserGridRow> Query(ApplianceDbContext db, string? search, Guid? tenant)
    {
        var users = db.Users.AsNoTracking();
        if (tenant is { } t)
        {
            users = users.Where(u => u.TenantId == t);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var upper = search.Trim().ToUpperInvariant();
#pragma warning disable CA1862 // Translated to SQL: both providers know UPPER and a substring test, not a StringComparison.
            users = users.Where(u => u.NormalizedEmail!.Contains(upper) || u.NormalizedUserName!.Contains(upper)
                || (u.DisplayName != null && u.DisplayName.ToUpper().Contains(upper)));
#pragma warning restore CA1862
        }

        return users.Select(u => new UserGridRow
        {
            Id = u.Id,
            Email = u.Email ?? u.UserName ?? string.Empty,
            NormalizedEmail = u.NormalizedEmail,
            DisplayName = u.DisplayName,
            TenantId = u.TenantId,
            Source = u.Source,
            LockoutEnd = u.LockoutEnd,
            CreatedAt = u.CreatedAt,
        });
    }
}
