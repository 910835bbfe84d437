using System.Runtime.CompilerServices;

namespace Toolsmith.Core.Loading;

/// <summary>
/// Starts JsonSchema.Net before the first schema is built. The library registers its dialects and builds its meta-schemas
/// in a module initializer; under the JIT that runs on first use, but Native AOT runs every module initializer before
/// <c>Main</c>, which cost each command of the native toolsmith ~4 ms even when it touched no schema (a cold
/// <c>request</c> never does). The native publish therefore blanks the library's module initializer
/// (<c>src/Toolsmith.Cli/Native/JsonSchemaNet.substitutions.xml</c>) and the code that builds schemas calls this first.
/// The library's own initializer is guarded, so under the JIT, where it has already run, this returns at once.
/// </summary>
internal static class JsonSchemaLibrary
{
    /// <summary>Runs JsonSchema.Net's initialization if it has not run yet.</summary>
    public static void EnsureInitialized() => Initialize(null);

    // JsonSchema.Net 8.0.5 (pinned in Directory.Packages.props): Json.Schema.__ModuleInitialization.Initialize(), the
    // method its [ModuleInitializer] is. A version without it fails every schema test (MissingMethodException).
    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "Initialize")]
    private static extern void Initialize([UnsafeAccessorType("Json.Schema.__ModuleInitialization, JsonSchema.Net")] object? library);
}
