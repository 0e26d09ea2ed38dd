using System.Runtime.ExceptionServices;

namespace Appliance.Client.Sdk;

/// <summary>
/// A one-way hand-off from one writing task to one reading task, with no buffer of its own: each write waits
/// until the reader has copied all of it. Plaintext passed through it therefore lives only in the writer's and the
/// reader's buffers, which they clear, never in a pool, a pipe or a temporary file. Async only.
/// </summary>
internal sealed class PlaintextHandoff : IDisposable
{
    private readonly SemaphoreSlim _published = new(0, 1);
    private readonly SemaphoreSlim _consumed = new(0, 1);
    private ReadOnlyMemory<byte> _chunk;
    private bool _completed;
    private ExceptionDispatchInfo? _failure;

    public PlaintextHandoff()
    {
        Writer = new WriteEnd(this);
        Reader = new ReadEnd(this);
    }

    public Stream Writer { get; }

    public Stream Reader { get; }

    /// <summary>Called once by the writer after its last write: the reader sees the end, or <paramref name="failure"/>.</summary>
    public void Complete(Exception? failure)
    {
        _failure = failure is null ? null : ExceptionDispatchInfo.Capture(failure);
        _completed = true;
        _published.Release();
    }

    public void Dispose()
    {
        _published.Dispose();
        _consumed.Dispose();
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        _chunk = buffer;
        _published.Release();
        await _consumed.WaitAsync(ct).ConfigureAwait(false);
    }

    private sealed class WriteEnd(PlaintextHandoff handoff) : PipeEnd
    {
        public override bool CanWrite => true;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            handoff.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            handoff.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class ReadEnd(PlaintextHandoff handoff) : PipeEnd
    {
        private ReadOnlyMemory<byte> _pending;
        private bool _holding;
        private bool _ended;

        public override bool CanRead => true;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty || _ended)
            {
                return 0;
            }

            if (!_holding)
            {
                await handoff._published.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (handoff._completed)
                {
                    _ended = true;
                    handoff._failure?.Throw();
                    return 0;
                }

                _pending = handoff._chunk;
                _holding = true;
            }

            var count = Math.Min(buffer.Length, _pending.Length);
            _pending[..count].CopyTo(buffer);
            _pending = _pending[count..];
            if (_pending.IsEmpty)
            {
                // Only now may the writer reuse (and clear) its buffer.
                _holding = false;
                _pending = default;
                handoff._consumed.Release();
            }

            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <summary>A stream that neither seeks nor works synchronously.</summary>
    private abstract class PipeEnd : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
