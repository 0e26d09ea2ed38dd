using Appliance.Client.Sdk;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Cli;

/// <summary>The `rms` exit codes, a contract for scripts.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Anything else: the appliance failed, a file is damaged, the network is down.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments, or a request the appliance rejected as invalid.</summary>
    public const int Usage = 2;

    /// <summary>Access denied: no rights to the document, it expired or was revoked, or not allowed to do this.</summary>
    public const int AccessDenied = 3;

    /// <summary>Not signed in, the session expired, or no user keys on this device.</summary>
    public const int Unauthenticated = 4;

    /// <summary>`rms admin audit verify`: the usage log did not verify (altered, deleted, reordered or truncated entries).</summary>
    public const int AuditFailed = 5;

    /// <summary>Interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;

    public static int ForCode(string code) => code switch
    {
        ProblemCodes.AccessDenied or ProblemCodes.Forbidden or ProblemCodes.ExternalUser => AccessDenied,
        ProblemCodes.ContentExpired or ProblemCodes.ContentRevoked => AccessDenied,
        ProblemCodes.Unauthenticated or ClientErrorCodes.NoIdentity => Unauthenticated,
        ProblemCodes.ValidationFailed or ProblemCodes.OrganisationAddress => Usage,
        _ => Failure,
    };
}
