using System.Globalization;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Sdk;

/// <summary>The document registry: the signed-in user's documents, their tracking, revocation and un-revocation.</summary>
public sealed partial class RmsClient
{
    /// <summary>The signed-in user's registered documents, newest first; <paramref name="before"/>: the last <c>RegisteredAt</c> of the previous page.</summary>
    public Task<IReadOnlyList<DocumentDetails>> ListDocumentsAsync(int limit = 100, DateTimeOffset? before = null, CancellationToken ct = default)
    {
        var query = $"api/v1/documents?limit={limit.ToString(CultureInfo.InvariantCulture)}";
        if (before is { } at)
        {
            query += "&before=" + Uri.EscapeDataString(at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        }

        return _api.SendAsync<IReadOnlyList<DocumentDetails>>(HttpMethod.Get, query, null, ct);
    }

    /// <summary>What the appliance registered about a document (owner, administrators and auditors only).</summary>
    public Task<DocumentDetails> GetDocumentAsync(Guid contentId, CancellationToken ct = default) =>
        _api.SendAsync<DocumentDetails>(HttpMethod.Get, DocumentPath(contentId), null, ct);

    /// <summary>Who opened the document or was refused, newest first; <paramref name="before"/>: the last event id of the previous page.</summary>
    public Task<IReadOnlyList<DocumentEvent>> GetDocumentTrackingAsync(Guid contentId, int limit = 100, long? before = null, CancellationToken ct = default)
    {
        var query = $"{DocumentPath(contentId)}/tracking?limit={limit.ToString(CultureInfo.InvariantCulture)}";
        if (before is { } id)
        {
            query += "&before=" + id.ToString(CultureInfo.InvariantCulture);
        }

        return _api.SendAsync<IReadOnlyList<DocumentEvent>>(HttpMethod.Get, query, null, ct);
    }

    /// <summary>Stops every new licence for the document but its owner's, on every node at once (owner or administrator).</summary>
    public Task<DocumentDetails> RevokeDocumentAsync(Guid contentId, CancellationToken ct = default) =>
        _api.SendAsync<DocumentDetails>(HttpMethod.Post, DocumentPath(contentId) + "/revoke", null, ct);

    /// <summary>Lifts a revocation: licences are issued again as the policy says.</summary>
    public Task<DocumentDetails> UnrevokeDocumentAsync(Guid contentId, CancellationToken ct = default) =>
        _api.SendAsync<DocumentDetails>(HttpMethod.Post, DocumentPath(contentId) + "/unrevoke", null, ct);

    private static string DocumentPath(Guid contentId) => $"api/v1/documents/{contentId}";
}
