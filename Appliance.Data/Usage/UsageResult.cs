namespace Appliance.Data.Usage;

public enum UsageResult
{
    Granted = 0,
    Denied = 1,
    Failed = 2,
}
