using Appliance.Web.Documents;

namespace Appliance.Web.Usage;

/// <summary>The usage log's request types (the W3C log's request-type field), named once for writers and readers.</summary>
public static class UsageRequestTypes
{
    public const string AcquireLicense = "AcquireLicense";
    public const string Certify = "Certify";
    public const string Publish = "Publish";
    public const string ServerSidePublish = "ServerSidePublish";
    public const string GetTemplates = "GetTemplates";
    public const string GetClientLicensorCert = "GetClientLicensorCert";

    /// <summary>Every admin API call and portal action; <c>AdminAction</c> says which.</summary>
    public const string Admin = "Admin";

    /// <summary>All of them, for the reports' suggestions.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        AcquireLicense, Publish, ServerSidePublish, Certify, GetTemplates, GetClientLicensorCert, Admin,
        DocumentRequestTypes.ListDocuments, DocumentRequestTypes.GetDocument, DocumentRequestTypes.TrackDocument,
        DocumentRequestTypes.RevokeAccess, DocumentRequestTypes.UnrevokeAccess,
    ];
}
