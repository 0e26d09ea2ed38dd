namespace Appliance.Web.Identity;

public static class OAuthClients
{
    /// <summary>The public client id of the <c>rms</c> command and SDK.</summary>
    public const string RmsCli = "rms-cli";

    /// <summary>The scope that grants access to the licensing and admin APIs.</summary>
    public const string ApiScope = "rms";
}
