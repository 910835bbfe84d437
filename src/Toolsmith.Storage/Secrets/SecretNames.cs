namespace Toolsmith.Storage.Secrets;

/// <summary>Secret names: letters, digits and '_', starting with a letter or '_', as templates write them.</summary>
public static class SecretNames
{
    /// <summary>Throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static void Validate(string name)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"\"{name}\" is not a secret name: use letters, digits and '_', starting with a letter or '_' (e.g. github_token).", nameof(name));
        }
    }

    /// <summary>True for a valid secret name.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 128 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(static c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
