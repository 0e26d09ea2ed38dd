namespace Appliance.Crypto.Container;

internal static class StreamReads
{
    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the count read.</summary>
    /// <remarks>
    /// Reads that complete synchronously (memory, most file reads) are consumed without entering an async state
    /// machine, so the per-segment loop allocates nothing even in builds where state machines are classes.
    /// </remarks>
    internal static ValueTask<int> ReadFullAsync(Stream stream, Memory<byte> buffer, CancellationToken ct)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var pending = stream.ReadAsync(buffer[total..], ct);
            if (!pending.IsCompletedSuccessfully)
            {
                return ContinueAsync(stream, buffer, total, pending, ct);
            }

            var read = pending.Result;
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return ValueTask.FromResult(total);
    }

    private static async ValueTask<int> ContinueAsync(Stream stream, Memory<byte> buffer, int total, ValueTask<int> pending, CancellationToken ct)
    {
        var read = await pending.ConfigureAwait(false);
        while (read > 0)
        {
            total += read;
            if (total == buffer.Length)
            {
                break;
            }

            read = await stream.ReadAsync(buffer[total..], ct).ConfigureAwait(false);
        }

        return total;
    }
}
