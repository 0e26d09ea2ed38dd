using System.Globalization;
using System.Text.RegularExpressions;
using Appliance.Crypto.Protocol;
using Appliance.Data.Usage;
using Appliance.Web.Errors;

namespace Appliance.Web.Usage.Reports;

/// <summary>
/// A usage filter as it arrives in a query string (the portal's form and links, the admin API, the exports use the
/// same parameter names), read strictly: a value that does not parse is an error, never silently ignored, since a
/// report that quietly drops a filter would show more than the reader asked for.
/// </summary>
public sealed partial record UsageFilterText(
    string? Tenant = null,
    string? From = null,
    string? To = null,
    string? User = null,
    string? RequestType = null,
    string? Result = null,
    string? ContentId = null,
    string? TemplateId = null)
{
    public const int MaxUserLength = 256;

    /// <summary>The filter, or the problems of each parameter by its name.</summary>
    public (UsageFilter Filter, IReadOnlyDictionary<string, string> Errors) Parse()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var filter = new UsageFilter
        {
            TenantId = ParseGuid("tenant", Tenant, "an organisation id", errors),
            From = ParseInstant("from", From, errors),
            To = ParseInstant("to", To, errors),
            UserEmail = ParseUser(User, errors),
            RequestType = ParseRequestType(RequestType, errors),
            Result = ParseResult(Result, errors),
            ContentId = ParseGuid("contentId", ContentId, "a content id", errors),
            TemplateId = ParseGuid("templateId", TemplateId, "a template id", errors),
        };
        if (filter is { From: { } from, To: { } to } && from >= to)
        {
            errors["to"] = "'to' must be after 'from': the range is from its start up to, not including, its end.";
        }

        return (filter, errors);
    }

    /// <summary>The filter and the order, or a 400 problem naming every parameter that is wrong.</summary>
    public (UsageFilter Filter, UsageSort Sort) ParseOrThrow(string? sort, string? direction)
    {
        var (filter, filterErrors) = Parse();
        var errors = new Dictionary<string, string>(filterErrors, StringComparer.Ordinal);
        if (!UsageSort.TryParse(sort, direction, out var order, out var sortError))
        {
            errors[sortError!.StartsWith("'dir'", StringComparison.Ordinal) ? "dir" : "sort"] = sortError;
        }

        if (errors.Count > 0)
        {
            throw Invalid(errors);
        }

        return (filter, order);
    }

    public static ApplianceProblemException Invalid(IReadOnlyDictionary<string, string> errors) =>
        new(StatusCodes.Status400BadRequest, ProblemCodes.InvalidUsageFilter, string.Join(" ", errors.Values))
        {
            Extensions = new Dictionary<string, object?> { ["errors"] = errors },
        };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Guid? ParseGuid(string name, string? value, string what, Dictionary<string, string> errors)
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }

        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        errors[name] = $"'{name}' must be {what} (a GUID).";
        return null;
    }

    /// <summary>ISO 8601: a date, or a date and time; without an offset it is UTC, as the portal's fields say.</summary>
    private static DateTimeOffset? ParseInstant(string name, string? value, Dictionary<string, string> errors)
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }

        if (IsoInstantRegex().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }

        errors[name] = $"'{name}' must be an ISO 8601 date or date and time, such as 2026-01-31 or 2026-01-31T09:30:00Z.";
        return null;
    }

    private static string? ParseUser(string? value, Dictionary<string, string> errors)
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }

        if (text.Length <= MaxUserLength && !text.Any(char.IsControl))
        {
            return text;
        }

        errors["user"] = $"'user' must be an address of at most {MaxUserLength} characters.";
        return null;
    }

    private static string? ParseRequestType(string? value, Dictionary<string, string> errors)
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }

        if (RequestTypeRegex().IsMatch(text))
        {
            return text;
        }

        errors["requestType"] = "'requestType' must be a request type such as AcquireLicense, Publish or Admin.";
        return null;
    }

    private static UsageResult? ParseResult(string? value, Dictionary<string, string> errors)
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }

        // By name only: Enum.TryParse would also take "1" or "Granted,Denied".
        foreach (var result in Enum.GetValues<UsageResult>())
        {
            if (string.Equals(result.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return result;
            }
        }

        errors["result"] = $"'result' must be one of {string.Join(", ", Enum.GetNames<UsageResult>())}.";
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$")]
    private static partial Regex IsoInstantRegex();

    // The request types the appliance writes are identifiers (AcquireLicense, Certify, Admin, ...).
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,63}$")]
    private static partial Regex RequestTypeRegex();
}
