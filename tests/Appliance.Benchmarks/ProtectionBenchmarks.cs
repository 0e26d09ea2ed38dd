using System.Security.Cryptography;
using Appliance.Crypto.Container;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks;

/// <summary>
/// Protecting and opening a 64 MiB file, against raw AES-256-GCM over the same bytes in the same
/// segment size: the ratio is what the container format costs on top of the cipher.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 8)]
public class ProtectionBenchmarks
{
    private const int Size = 64 * 1024 * 1024;
    private readonly byte[] _contentKey = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _segment = new byte[ProtectedFile.DefaultSegmentSize];
    private readonly byte[] _cipher = new byte[ProtectedFile.DefaultSegmentSize];
    private readonly byte[] _tag = new byte[16];
    private readonly byte[] _nonce = new byte[12];
    private byte[] _plaintext = [];
    private byte[] _ciphertext = [];
    private byte[] _tags = [];
    private byte[] _protected = [];
    private AesGcm _aes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plaintext = RandomNumberGenerator.GetBytes(Size);
        _aes = new AesGcm(_contentKey, 16);
        _ciphertext = new byte[Size];
        _tags = new byte[Size / _segment.Length * 16];
        for (var offset = 0; offset < Size; offset += _segment.Length)
        {
            BitConverter.TryWriteBytes(_nonce, offset);
            _aes.Encrypt(_nonce, _plaintext.AsSpan(offset, _segment.Length), _ciphertext.AsSpan(offset, _segment.Length),
                _tags.AsSpan(offset / _segment.Length * 16, 16));
        }

        using var output = new MemoryStream();
        ProtectedFile.EncryptAsync(new MemoryStream(_plaintext), output, "x.y.z", Guid.NewGuid(),
            new ProtectedFileMetadata("bench.bin", "application/octet-stream"), _contentKey, CancellationToken.None).GetAwaiter().GetResult();
        _protected = output.ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _aes.Dispose();

    [Benchmark(Baseline = true, Description = "raw AES-256-GCM encrypt")]
    public void RawEncrypt()
    {
        for (var offset = 0; offset < Size; offset += _segment.Length)
        {
            BitConverter.TryWriteBytes(_nonce, offset);
            _aes.Encrypt(_nonce, _plaintext.AsSpan(offset, _segment.Length), _cipher, _tag);
        }
    }

    [Benchmark(Description = "raw AES-256-GCM decrypt")]
    public void RawDecrypt()
    {
        for (var offset = 0; offset < Size; offset += _segment.Length)
        {
            BitConverter.TryWriteBytes(_nonce, offset);
            _aes.Decrypt(_nonce, _ciphertext.AsSpan(offset, _segment.Length), _tags.AsSpan(offset / _segment.Length * 16, 16), _segment);
        }
    }

    [Benchmark(Description = "protect (stream to stream)")]
    public Task Protect() => ProtectedFile.EncryptAsync(new MemoryStream(_plaintext, writable: false), Stream.Null, "x.y.z", Guid.NewGuid(),
        new ProtectedFileMetadata("bench.bin", "application/octet-stream"), _contentKey, CancellationToken.None);

    [Benchmark(Description = "unprotect (stream to stream)")]
    public Task Unprotect() => ProtectedFile.DecryptAsync(new MemoryStream(_protected, writable: false), Stream.Null, _contentKey, CancellationToken.None);
}
