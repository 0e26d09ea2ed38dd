namespace Appliance.Web.DeviceSignIn;

public enum DeviceVerificationStage
{
    EnterCode,
    Confirm,
    Approved,
    Denied,
}
