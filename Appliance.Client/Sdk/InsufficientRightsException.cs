using Appliance.Crypto.Protocol;

namespace Appliance.Client.Sdk;

/// <summary>
/// The use licence was granted but does not carry the right an operation needs. The client enforces this
/// itself: the appliance hands out the licence, the application decides what the rights allow.
/// </summary>
public sealed class InsufficientRightsException : RmsException
{
    public InsufficientRightsException(string operation, IReadOnlyList<string> held, IReadOnlyList<string> needed)
        : base(ProblemCodes.AccessDenied, Describe(operation, held, needed))
    {
        Operation = operation;
        Held = held;
        Needed = needed;
    }

    public string Operation { get; }

    public IReadOnlyList<string> Held { get; }

    public IReadOnlyList<string> Needed { get; }

    private static string Describe(string operation, IReadOnlyList<string> held, IReadOnlyList<string> needed)
    {
        var holds = held.Count == 0 ? "you hold no rights" : $"you hold {string.Join(", ", held)}";
        return $"{holds} but {operation} needs {string.Join(" or ", needed)}";
    }
}
