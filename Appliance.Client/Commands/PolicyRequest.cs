using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Crypto.Licensing;
using DoNotForwardPolicy = Appliance.Crypto.Protocol.DoNotForward;

namespace Appliance.Client.Commands;

/// <summary>The policy options as typed.</summary>
internal sealed record PolicyRequest(
    IReadOnlyList<string> Grants, string? Template, bool DoNotForward, IReadOnlyList<string> To, string? Expires, int? OfflineDays)
{
    /// <summary>
    /// Checks what was typed, before the appliance is asked anything. <paramref name="now"/> is the moment of
    /// protection (--expires 30d counts from it); <paramref name="message"/> is an e-mail file whose headers name the
    /// Do Not Forward recipients when --to is absent (null when there is none to read).
    /// </summary>
    public async Task<CheckedPolicy> CheckAsync(DateTimeOffset now, string? message, CancellationToken ct)
    {
        if (Template is not null)
        {
            return string.IsNullOrWhiteSpace(Template)
                ? throw new UsageException("--template needs a template's name or id; rms templates lists yours")
                : new CheckedPolicy(Template, [], null, null, []);
        }

        IReadOnlyList<RightsGrant> grants;
        IReadOnlyList<string> recipients = [];
        if (DoNotForward)
        {
            recipients = To.Count > 0 ? RecipientArguments.ParseTo(To)
                : message is not null ? await RecipientArguments.FromMessageAsync(message, ct)
                : throw new UsageException($"--do-not-forward needs --to {RecipientArguments.Syntax} (only an .eml file names its recipients itself)");
            grants = [.. recipients.Select(r => new RightsGrant(r, DoNotForwardPolicy.Rights))];
        }
        else
        {
            grants = GrantParser.Parse(Grants);
        }

        var expiresAt = Expires is null ? (DateTimeOffset?)null : ExpiryArgument.Parse(Expires, now);
        if (OfflineDays is < 0)
        {
            throw new UsageException("--offline-days cannot be negative");
        }

        return new CheckedPolicy(null, grants, expiresAt, OfflineDays, recipients);
    }
}

/// <summary>A policy whose options were checked: a template's name, or grants with their limits.</summary>
/// <param name="DoNotForwardTo">The Do Not Forward recipients; empty for any other policy.</param>
internal sealed record CheckedPolicy(
    string? Template, IReadOnlyList<RightsGrant> Grants, DateTimeOffset? ExpiresAt, int? OfflineDays, IReadOnlyList<string> DoNotForwardTo)
{
    /// <summary>The protection options for a document named <paramref name="fileName"/>; a template is looked up on the appliance.</summary>
    public async Task<ProtectionOptions> ToOptionsAsync(
        RmsClient client, string fileName, string? contentType, DateTimeOffset now, CancellationToken ct)
    {
        if (Template is not null)
        {
            var template = await client.FindAvailableTemplateAsync(Template, ct);
            return ProtectionOptions.FromTemplate(fileName, template, now) with { ContentType = contentType };
        }

        return new ProtectionOptions(fileName, Grants) { ExpiresAt = ExpiresAt, OfflineDays = OfflineDays, ContentType = contentType };
    }

    /// <summary>How the result sentence names the policy, e.g. " with the template 'Sales'" (empty for plain grants).</summary>
    public string Describe(ProtectionOptions options) =>
        options.TemplateName is not null ? $" with the template '{options.TemplateName}'"
        : DoNotForwardTo.Count > 0 ? $" as Do Not Forward for {string.Join(", ", DoNotForwardTo)}"
        : string.Empty;
}
