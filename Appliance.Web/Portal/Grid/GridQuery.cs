using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.QuickGrid;

namespace Appliance.Web.Portal.Grid;

/// <summary>
/// The state of a static-rendered grid (filter, sort, page) as it travels in the query string: every page of a
/// grid is a plain GET link, so paging and sorting work without a circuit and a page can be bookmarked.
/// </summary>
/// <remarks>
/// QuickGrid 10 keeps its sort and page in component state that only interactive rendering can change; here the
/// query string decides them instead (the sorted column is the grid's default sort column, the page is set on its
/// <see cref="PaginationState"/>), and the grid still does the paging and sorting in the database.
/// </remarks>
public sealed class GridQuery
{
    public const int PageSize = 25;

    private readonly NavigationManager _navigation;

    public GridQuery(NavigationManager navigation, string? sort, string? direction, int? page, IReadOnlyCollection<string> sortKeys, string defaultSort)
    {
        _navigation = navigation;
        Sort = sort is not null && sortKeys.Contains(sort) ? sort : defaultSort;
        Descending = string.Equals(direction, "desc", StringComparison.Ordinal);
        Page = page is > 0 ? page.Value : 1;
    }

    public string Sort { get; }

    public bool Descending { get; }

    /// <summary>1-based, as people count pages.</summary>
    public int Page { get; }

    public PaginationState Pagination { get; } = new() { ItemsPerPage = PageSize };

    public Task ApplyPageAsync() => Pagination.SetCurrentPageIndexAsync(Page - 1);

    public bool IsSortedBy(string key) => Sort == key;

    /// <summary>For a column's InitialSortDirection: only the column named in the query string has one.</summary>
    public SortDirection Direction => Descending ? SortDirection.Descending : SortDirection.Ascending;

    /// <summary>Sorting by a column again reverses it; a new sort starts on the first page.</summary>
    public string SortLink(string key) => _navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["sort"] = key,
        ["dir"] = IsSortedBy(key) && !Descending ? "desc" : "asc",
        ["page"] = null,
    });

    public string PageLink(int page) =>
        _navigation.GetUriWithQueryParameter("page", page <= 1 ? null : page.ToString(CultureInfo.InvariantCulture));

    /// <summary>The words a screen reader says for a sortable header.</summary>
    public string SortLabel(string key, string title) => IsSortedBy(key)
        ? $"{title}, sorted {(Descending ? "descending" : "ascending")}; sort {(Descending ? "ascending" : "descending")}"
        : $"{title}; sort ascending";
}
