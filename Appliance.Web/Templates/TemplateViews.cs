using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Data.Templates;
using Microsoft.Net.Http.Headers;

namespace Appliance.Web.Templates;

/// <summary>How a stored template is shown: to administrators whole, to users in one language as a policy recipe.</summary>
public static class TemplateViews
{
    public static TemplateDetails Details(RightsTemplate t) => new(
        t.Id,
        t.TenantId,
        [.. t.Texts.Select(x => new LocalizedText(x.Language, x.Name))],
        [.. t.Texts.Select(x => new LocalizedText(x.Language, x.Description))],
        [.. t.Grants.Select(g => new TemplateGrant(g.Principal, g.Preset, RightsOf(g)))],
        Expiry(t),
        t.OfflineMode switch
        {
            TemplateOfflineMode.Always => new TemplateOfflineAccess(TemplateModes.Always),
            TemplateOfflineMode.Never => new TemplateOfflineAccess(TemplateModes.Never),
            TemplateOfflineMode.Days => new TemplateOfflineAccess(TemplateModes.Days, t.OfflineDays),
        },
        t.ScopeGroups is null ? null : [.. t.ScopeGroups],
        t.IsArchived ? TemplateModes.Archived : TemplateModes.Published,
        t.IsDefault,
        t.FirstUsedAt is not null,
        t.CreatedAt,
        t.UpdatedAt);

    /// <summary>The template in the reader's language, with what a client puts into the policy.</summary>
    public static AvailableTemplate Available(RightsTemplate t, IReadOnlyList<StringWithQualityHeaderValue> acceptLanguage, int tenantMaxOfflineDays)
    {
        var text = TextFor(t, acceptLanguage);
        return new AvailableTemplate(t.Id, text.Name, text.Description, text.Language, PolicyGrants(t), Expiry(t), PolicyOfflineDays(t, tenantMaxOfflineDays));
    }

    /// <summary>The grants exactly as a policy made from this template carries them.</summary>
    public static IReadOnlyList<RightsGrant> PolicyGrants(RightsTemplate t) => [.. t.Grants.Select(g => new RightsGrant(g.Principal, RightsOf(g)))];

    /// <summary>
    /// The policy's offline days: <c>never</c> is 0 (ask the appliance every time), <c>always</c> the tenant's
    /// maximum, which caps every template.
    /// </summary>
    public static int PolicyOfflineDays(RightsTemplate t, int tenantMaxOfflineDays) => t.OfflineMode switch
    {
        TemplateOfflineMode.Always => tenantMaxOfflineDays,
        TemplateOfflineMode.Never => 0,
        TemplateOfflineMode.Days => Math.Min(t.OfflineDays ?? 0, tenantMaxOfflineDays),
    };

    public static TemplateExpiry Expiry(RightsTemplate t) => t.ExpiryMode switch
    {
        TemplateExpiryMode.Never => new TemplateExpiry(TemplateModes.Never),
        TemplateExpiryMode.OnDate => new TemplateExpiry(TemplateModes.Date, t.ExpiresOn),
        TemplateExpiryMode.AfterDays => new TemplateExpiry(TemplateModes.Days, Days: t.ExpiresAfterDays),
    };

    /// <summary>The first text whose language the reader accepts (exactly, then by primary language), else the first.</summary>
    public static TemplateText TextFor(RightsTemplate t, IReadOnlyList<StringWithQualityHeaderValue> acceptLanguage)
    {
        foreach (var wanted in acceptLanguage.Where(l => l.Quality is not 0).OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value))
        {
            if (string.IsNullOrEmpty(wanted) || wanted == "*")
            {
                continue;
            }

            var exact = t.Texts.FirstOrDefault(x => string.Equals(x.Language, wanted, StringComparison.OrdinalIgnoreCase));
            var primary = wanted.Split('-')[0];
            var near = exact ?? t.Texts.FirstOrDefault(x => string.Equals(x.Language.Split('-')[0], primary, StringComparison.OrdinalIgnoreCase));
            if (near is not null)
            {
                return near;
            }
        }

        return t.Texts[0];
    }

    /// <summary>The name administrators and logs use: the first language's.</summary>
    public static string NameOf(RightsTemplate t) => t.Texts.Count > 0 ? t.Texts[0].Name : t.Id.ToString();

    private static string[] RightsOf(TemplateGrantEntry g) => g.Rights.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
