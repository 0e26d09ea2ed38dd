using Appliance.Data.Usage;

namespace Appliance.Web.Usage.Reports;

/// <summary>
/// Which usage entries a report shows. One model for the portal page, the admin API list and the exports, applied
/// by <see cref="UsageQuery"/> in the database, so the three can never disagree about what a filter means.
/// </summary>
public sealed record UsageFilter
{
    public static UsageFilter None { get; } = new();

    public Guid? TenantId { get; init; }

    /// <summary>
    /// Only entries of these organisations, and none of the appliance's own (which concern no organisation); null: no
    /// such limit. What a caller whose role is held for some organisations may read (<see cref="UsageReach"/>).
    /// </summary>
    public IReadOnlyCollection<Guid>? Organisations { get; init; }

    /// <summary>Inclusive.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive, so consecutive ranges do not count an entry twice.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>The caller's address exactly as it was logged.</summary>
    public string? UserEmail { get; init; }

    public string? RequestType { get; init; }

    public UsageResult? Result { get; init; }

    public Guid? ContentId { get; init; }

    public Guid? TemplateId { get; init; }

    /// <summary>Only entries written before this row id: the admin API's keyset paging.</summary>
    public long? BeforeId { get; init; }

    public IQueryable<UsageLogEntry> Apply(IQueryable<UsageLogEntry> entries)
    {
        // Each condition is a plain equality or range on a column, so the tenant-prefixed indexes of
        // UsageLogEntryConfiguration serve them; nothing here wraps a column in a function.
        if (TenantId is { } tenant)
        {
            // A content id names one document of one organisation, and its own index finds its few entries. SQLite
            // keeps no statistics and would rather take any index that starts with the tenant, reading all of the
            // organisation's entries; the COALESCE keeps the tenant test out of index selection there.
            entries = ContentId is null
                ? entries.Where(e => e.TenantId == tenant)
                : entries.Where(e => (e.TenantId ?? Guid.Empty) == tenant);
        }

        if (Organisations is { } only)
        {
            // The same reasoning as for TenantId: a content id's own index, not a tenant-prefixed one, under SQLite.
            var ids = only.ToList();
            var nullable = ids.Select(id => (Guid?)id).ToList();
            entries = ContentId is null
                ? entries.Where(e => nullable.Contains(e.TenantId))
                : entries.Where(e => ids.Contains(e.TenantId ?? Guid.Empty));
        }

        if (From is { } from)
        {
            entries = entries.Where(e => e.Timestamp >= from);
        }

        if (To is { } to)
        {
            entries = entries.Where(e => e.Timestamp < to);
        }

        if (UserEmail is { } user)
        {
            entries = entries.Where(e => e.UserEmail == user);
        }

        if (RequestType is { } type)
        {
            entries = entries.Where(e => e.RequestType == type);
        }

        if (Result is { } result)
        {
            entries = entries.Where(e => e.Result == result);
        }

        if (ContentId is { } content)
        {
            entries = entries.Where(e => e.ContentId == content);
        }

        if (TemplateId is { } template)
        {
            entries = entries.Where(e => e.TemplateId == template);
        }

        if (BeforeId is { } before)
        {
            entries = entries.Where(e => e.Id < before);
        }

        return entries;
    }

    /// <summary>The filter in words, for the usage entry an export writes about itself.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        Add("tenant", TenantId?.ToString());
        Add("organisations", Organisations is { } only ? string.Join(',', only.Order()) : null);
        Add("from", From?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", To?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add("user", UserEmail);
        Add("requestType", RequestType);
        Add("result", Result?.ToString());
        Add("contentId", ContentId?.ToString());
        Add("templateId", TemplateId?.ToString());
        Add("before", BeforeId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "all entries" : string.Join(' ', parts);

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={value}");
            }
        }
    }
}
