using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Net.Pkcs11Interop.HighLevelAPI.Factories;

namespace Appliance.Hsm.Pkcs11;

/// <summary>An attribute template whose unmanaged attribute buffers are freed together.</summary>
internal sealed class Template : IDisposable
{
    private readonly IObjectAttributeFactory _factory;

    public Template(IObjectAttributeFactory factory) => _factory = factory;

    public List<IObjectAttribute> Attributes { get; } = [];

    public Template Add(CKA type, bool value) => Add(_factory.Create(type, value));

    public Template Add(CKA type, byte[] value) => Add(_factory.Create(type, value));

    public Template Add(CKA type, string value) => Add(_factory.Create(type, value));

    public Template Add(CKA type, ulong value) => Add(_factory.Create(type, value));

    public Template Add(CKA type, CKO value) => Add(_factory.Create(type, value));

    public Template Add(CKA type, CKK value) => Add(_factory.Create(type, value));

    public void Dispose()
    {
        foreach (var attribute in Attributes)
        {
            attribute.Dispose();
        }

        Attributes.Clear();
    }

    private Template Add(IObjectAttribute attribute)
    {
        Attributes.Add(attribute);
        return this;
    }
}
