using Appliance.Data.Usage;

namespace Appliance.Web.Usage.Reports;

/// <summary>
/// The order of a usage report. Every key ends with the row id in the same direction, so pages are stable and each
/// order is one of the (TenantId, column, Id) indexes read forwards or backwards, not a sort of the whole log.
/// </summary>
public sealed record UsageSort(string Key, bool Descending)
{
    public const string Time = "time";
    public const string User = "user";
    public const string RequestType = "requestType";
    public const string Result = "result";

    /// <summary>Newest first: the order of the admin API and of a report nobody sorted.</summary>
    public static UsageSort Default { get; } = new(Time, true);

    public static IReadOnlyList<string> Keys { get; } = [Time, User, RequestType, Result];

    /// <summary>The sort named by <c>sort</c> and <c>dir</c>; either may be missing (newest first, or ascending).</summary>
    public static bool TryParse(string? key, string? direction, out UsageSort sort, out string? error)
    {
        sort = Default;
        error = null;
        key = string.IsNullOrWhiteSpace(key) ? Time : key.Trim();
        if (!Keys.Contains(key, StringComparer.Ordinal))
        {
            error = $"'sort' must be one of {string.Join(", ", Keys)}.";
            return false;
        }

        bool descending;
        switch (direction?.Trim())
        {
            case null or "":
                descending = key == Time;
                break;
            case "asc":
                descending = false;
                break;
            case "desc":
                descending = true;
                break;
            default:
                error = "'dir' must be asc or desc.";
                return false;
        }

        sort = new UsageSort(key, descending);
        return true;
    }

    /// <summary>
    /// Orders the filtered entries. The log is written in time order, so time is the row id; within a time range it is
    /// the timestamp (then the row id), which the (TenantId, Timestamp) and (Timestamp) indexes hold in that order,
    /// where ordering the range by row id made SQLite, which keeps no statistics, sort the whole range.
    /// </summary>
    public IOrderedQueryable<UsageLogEntry> Apply(IQueryable<UsageLogEntry> entries, bool timeRange = false) => (Key, Descending) switch
    {
        (Time, false) when timeRange => entries.OrderBy(e => e.Timestamp).ThenBy(e => e.Id),
        (Time, true) when timeRange => entries.OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Id),
        (User, false) => entries.OrderBy(e => e.UserEmail).ThenBy(e => e.Id),
        (User, true) => entries.OrderByDescending(e => e.UserEmail).ThenByDescending(e => e.Id),
        (RequestType, false) => entries.OrderBy(e => e.RequestType).ThenBy(e => e.Id),
        (RequestType, true) => entries.OrderByDescending(e => e.RequestType).ThenByDescending(e => e.Id),
        (Result, false) => entries.OrderBy(e => e.Result).ThenBy(e => e.Id),
        (Result, true) => entries.OrderByDescending(e => e.Result).ThenByDescending(e => e.Id),
        (_, false) => entries.OrderBy(e => e.Id),
        (_, true) => entries.OrderByDescending(e => e.Id),
    };
}
