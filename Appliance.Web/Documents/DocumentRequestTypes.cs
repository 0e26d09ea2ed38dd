namespace Appliance.Web.Documents;

/// <summary>The usage log's request types of the document calls.</summary>
public static class DocumentRequestTypes
{
    public const string RevokeAccess = "RevokeAccess";
    public const string UnrevokeAccess = "UnrevokeAccess";
    public const string ListDocuments = "ListDocuments";
    public const string GetDocument = "GetDocument";
    public const string TrackDocument = "TrackDocument";
}
