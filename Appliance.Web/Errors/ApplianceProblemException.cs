using Appliance.Crypto.Protocol;

namespace Appliance.Web.Errors;

/// <summary>
/// A refusal or failure that the caller should see as a problem details answer with a stable code.
/// Services throw it; <see cref="ProblemExceptionHandler"/> turns it into RFC 9457 JSON in one place.
/// </summary>
public sealed class ApplianceProblemException : Exception
{
    public ApplianceProblemException(int status, string code, string detail, Exception? inner = null)
        : base(detail, inner)
    {
        Status = status;
        Code = code;
    }

    public int Status { get; }

    public string Code { get; }

    /// <summary>Members added to the problem details beside <c>code</c> (such as a template's field <c>errors</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public static ApplianceProblemException Validation(string detail) =>
        new(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, detail);

    public static ApplianceProblemException NotFound(string detail) =>
        new(StatusCodes.Status404NotFound, ProblemCodes.NotFound, detail);

    public static ApplianceProblemException Denied(string detail) =>
        new(StatusCodes.Status403Forbidden, ProblemCodes.AccessDenied, detail);
}
