using Appliance.Crypto.Protocol;
using Appliance.Crypto.Rights;
using Appliance.Data.Templates;

namespace Appliance.Web.Templates;

/// <summary>
/// The two templates every activated organisation starts with. Their right lists are the published defaults of
/// the service this appliance stands in for (issue 4); keep them exactly, including EDIT and DOCEDIT in the
/// "View Only" one.
/// </summary>
public static class DefaultTemplates
{
    public const int OfflineDays = 7;

    public static IReadOnlyList<string> ConfidentialRights { get; } =
    [
        UsageRights.View, UsageRights.Edit, UsageRights.DocEdit, UsageRights.Print, UsageRights.Extract, UsageRights.Reply,
        UsageRights.ReplyAll, UsageRights.Forward, UsageRights.ObjModel, UsageRights.ViewRightsData, UsageRights.Export,
        UsageRights.EditRightsData, UsageRights.Owner,
    ];

    public static IReadOnlyList<string> ViewOnlyRights { get; } =
    [
        UsageRights.View, UsageRights.Extract, UsageRights.ViewRightsData, UsageRights.ObjModel, UsageRights.Print,
        UsageRights.Forward, UsageRights.Reply, UsageRights.ReplyAll, UsageRights.Edit, UsageRights.DocEdit,
    ];

    public static IReadOnlyList<RightsTemplate> For(Guid tenantId, string organisation, DateTimeOffset now) =>
    [
        Make(tenantId, $"{organisation} - Confidential",
            $"Confidential content of {organisation}: every user of the organisation has full rights.", ConfidentialRights, now),
        Make(tenantId, $"{organisation} - Confidential View Only",
            $"Confidential content of {organisation}: every user of the organisation can read it; only its owner has full rights.", ViewOnlyRights, now),
    ];

    private static RightsTemplate Make(Guid tenantId, string name, string description, IReadOnlyList<string> rights, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        TenantId = tenantId,
        Texts = [new TemplateText { Language = "en-US", Name = name, Description = description }],
        Grants =
        [
            new TemplateGrantEntry
            {
                Principal = TemplatePrincipals.Organization,
                Rights = string.Join(',', UsageRights.Parse(string.Join(',', rights))),
            },
        ],
        ExpiryMode = TemplateExpiryMode.Never,
        OfflineMode = TemplateOfflineMode.Days,
        OfflineDays = OfflineDays,
        IsDefault = true,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
