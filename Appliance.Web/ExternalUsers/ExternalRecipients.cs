using Appliance.Crypto.Protocol;
using Appliance.Web.Errors;

namespace Appliance.Web.ExternalUsers;

public static class ExternalRecipients
{
    /// <summary>Bootstrap and publish: an external recipient has no organisation, hence no tenant key to protect with.</summary>
    public static ApplianceProblemException CannotProtect() =>
        new(StatusCodes.Status403Forbidden, ProblemCodes.ExternalUser,
            "External recipients can open what was shared with their address, but cannot protect content.");
}
