namespace Appliance.Crypto.Container;

/// <summary>The one exception type the container reader throws for bad input.</summary>
public sealed class ProtectedFileException : Exception
{
    public ProtectedFileException(ProtectedFileError error, string message, long? segmentIndex = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        SegmentIndex = segmentIndex;
    }

    public ProtectedFileError Error { get; }

    /// <summary>The segment concerned, for segment errors.</summary>
    public long? SegmentIndex { get; }
}
