using Appliance.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Portal.Documents;

/// <summary>One row of the documents grid: only the columns it shows.</summary>
/// <remarks>Member-initialised (not a positional record) so the query translates to SQL.</remarks>
public sealed class DocumentGridRow
{
    public const string SortRegistered = "registered";

    public static readonly IReadOnlyCollection<string> SortKeys = [SortRegistered];

    public Guid ContentId { get; init; }

    public string? FileName { get; init; }

    public string OwnerEmail { get; init; } = string.Empty;

    public DateTimeOffset RegisteredAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>
    /// The organisation's documents, or one owner's, newest registration first (the registry's index on tenant, owner
    /// and registration time serves it); nothing is read until the grid pages it.
    /// </summary>
    public static IQueryable<DocumentGridRow> Query(ApplianceDbContext db, Guid tenantId, string? owner)
    {
        var documents = db.ProtectedDocuments.AsNoTracking().Where(d => d.TenantId == tenantId);
        if (owner is not null)
        {
            documents = documents.Where(d => d.OwnerEmail == owner);
        }

        return documents.OrderByDescending(d => d.RegisteredAt).ThenByDescending(d => d.ContentId).Select(d => new DocumentGridRow
        {
            ContentId = d.ContentId,
            FileName = d.FileName,
            OwnerEmail = d.OwnerEmail,
            RegisteredAt = d.RegisteredAt,
            RevokedAt = d.RevokedAt,
        });
    }
}
