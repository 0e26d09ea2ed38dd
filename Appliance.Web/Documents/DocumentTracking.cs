using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Documents;
using Appliance.Web.Licensing;
using Appliance.Web.Templates;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Documents;

/// <summary>The registry facts of documents and their timelines from the usage log; reads only.</summary>
public sealed class DocumentTracking(ApplianceDbContext db)
{
    public const int DefaultPageSize = 100;

    public const int MaxPageSize = 1000;

    /// <summary>
    /// Reading a document's facts or timeline is itself logged under its content id; those entries are the audit of
    /// the readers, not events of the document, so the timeline leaves them out.
    /// </summary>
    private static readonly string[] _readsOfTheRegistry = [DocumentRequestTypes.GetDocument, DocumentRequestTypes.TrackDocument];

    /// <summary>
    /// The caller's own documents, newest first; <paramref name="before"/> pages backwards from the previous page's
    /// last registration time (the index on tenant, owner and registration time serves both the filter and the order).
    /// </summary>
    public async Task<List<DocumentDetails>> ListOwnedAsync(LicensingCaller caller, int limit, DateTimeOffset? before, CancellationToken ct)
    {
        var query = db.ProtectedDocuments.AsNoTracking().Where(d => d.TenantId == caller.Tenant.Id && d.OwnerEmail == caller.Email);
        if (before is { } at)
        {
            query = query.Where(d => d.RegisteredAt < at);
        }

        var documents = await query.OrderByDescending(d => d.RegisteredAt).Take(Math.Clamp(limit, 1, MaxPageSize)).ToListAsync(ct);
        var names = await TemplateNamesAsync(documents, ct);
        return [.. documents.Select(d => Details(d, names))];
    }

    public async Task<DocumentDetails> DetailsAsync(ProtectedDocument document, CancellationToken ct) =>
        Details(document, await TemplateNamesAsync([document], ct));

    /// <summary>The document's usage entries, newest first; <paramref name="before"/> pages backwards by entry id.</summary>
    public async Task<List<DocumentEvent>> TimelineAsync(Guid contentId, int limit, long? before, CancellationToken ct)
    {
        // The usage log's index on ContentId finds the entries; the row id orders them.
        var query = db.UsageLog.AsNoTracking().Where(e => e.ContentId == contentId && !_readsOfTheRegistry.Contains(e.RequestType));
        if (before is { } id)
        {
            query = query.Where(e => e.Id < id);
        }

        return await query.OrderByDescending(e => e.Id).Take(Math.Clamp(limit, 1, MaxPageSize))
            .Select(e => new DocumentEvent(e.Id, e.Timestamp, e.UserEmail, e.RequestType, e.Result.ToString(), e.ErrorCode, e.ClientIp, e.Rights))
            .ToListAsync(ct);
    }

    private static DocumentDetails Details(ProtectedDocument d, Dictionary<Guid, string> templateNames) => new(
        d.ContentId,
        d.FileName,
        d.OwnerEmail,
        d.TemplateId,
        d.TemplateId is { } id && templateNames.TryGetValue(id, out var name) ? name : null,
        d.PublishedAt,
        d.RegisteredAt,
        d.RevokedAt,
        d.RevokedBy);

    private async Task<Dictionary<Guid, string>> TemplateNamesAsync(IReadOnlyCollection<ProtectedDocument> documents, CancellationToken ct)
    {
        var ids = documents.Where(d => d.TemplateId is not null).Select(d => d.TemplateId!.Value).Distinct().ToList();
        if (ids.Count == 0)
        {
            return new();
        }

        var templates = await db.Templates.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        return templates.ToDictionary(t => t.Id, TemplateViews.NameOf);
    }
}
