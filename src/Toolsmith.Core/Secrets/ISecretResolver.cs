namespace Toolsmith.Core.Secrets;

/// <summary>Finds a secret's value by name, at send time only.</summary>
public interface ISecretResolver
{
    /// <summary>The secret's value, or false when it is not set.</summary>
    bool TryGet(string name, out string value);

    /// <summary>Where a secret of this name would be set, for the error message when it is missing.</summary>
    string WhereToSet(string name);
}

/// <summary>Secrets from environment variables <c>TOOLSMITH_SECRET_&lt;NAME&gt;</c> (name upper-cased, other characters as '_').</summary>
public sealed class EnvironmentSecretResolver : ISecretResolver
{
    /// <summary>The shared instance.</summary>
    public static EnvironmentSecretResolver Instance { get; } = new();

    /// <inheritdoc />
    public bool TryGet(string name, out string value)
    {
        value = Environment.GetEnvironmentVariable(VariableName(name)) ?? "";
        return value.Length > 0;
    }

    /// <inheritdoc />
    public string WhereToSet(string name) => $"set the environment variable {VariableName(name)}";

    /// <summary>The environment variable that holds the secret <paramref name="name"/>.</summary>
    public static string VariableName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "TOOLSMITH_SECRET_" + string.Create(name.Length, name, static (span, n) =>
        {
            for (var i = 0; i < n.Length; i++)
            {
                span[i] = char.IsAsciiLetterOrDigit(n[i]) ? char.ToUpperInvariant(n[i]) : '_';
            }
        });
    }
}
