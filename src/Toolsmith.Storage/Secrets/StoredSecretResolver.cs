using Toolsmith.Core.Secrets;

namespace Toolsmith.Storage.Secrets;

/// <summary><c>{{secrets.NAME}}</c> from the store, then from the environment (<c>TOOLSMITH_SECRET_NAME</c>).</summary>
public sealed class StoredSecretResolver(IToolsmithStore store) : ISecretResolver
{
    /// <inheritdoc />
    public bool TryGet(string name, out string value) =>
        (SecretNames.IsValid(name) && store.TryGetSecret(name, out value)) || EnvironmentSecretResolver.Instance.TryGet(name, out value);

    /// <inheritdoc />
    public string WhereToSet(string name) =>
        $"store it with 'toolsmith secrets set {name}' (or PUT /api/secrets/{name}), or {EnvironmentSecretResolver.Instance.WhereToSet(name)}";
}
