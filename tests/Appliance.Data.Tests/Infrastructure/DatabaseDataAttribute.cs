using System.Reflection;
using Xunit.Sdk;

namespace Appliance.Data.Tests.Infrastructure;

/// <summary>Runs a theory once per supported provider; the first parameter is the <see cref="DatabaseProvider"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DatabaseDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        Enum.GetValues<DatabaseProvider>().Select(provider => new object[] { provider });
}
