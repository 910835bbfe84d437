using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Toolsmith.Storage.Secrets;

/// <summary>Encrypts secrets at rest with ASP.NET Core Data Protection; the keys live in the data folder's <c>keys</c> folder.</summary>
internal sealed class SecretProtector : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly IDataProtector _protector;

    public SecretProtector(string dataDirectory)
    {
        var keys = new DirectoryInfo(Path.Combine(dataDirectory, "keys"));
        keys.Create();
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("toolsmith").PersistKeysToFileSystem(keys);
        _services = services.BuildServiceProvider();
        _protector = _services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Toolsmith.Secrets.v1");
    }

    public string Protect(string name, string value) => _protector.CreateProtector(name).Protect(value);

    public string Unprotect(string name, string protectedValue) => _protector.CreateProtector(name).Unprotect(protectedValue);

    public void Dispose() => _services.Dispose();
}
