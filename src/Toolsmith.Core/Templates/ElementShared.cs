using System.Collections.Concurrent;

namespace Toolsmith.Core.Templates;

/// <summary>
/// Renderings shared by the elements of one foreach: a template that uses neither <c>item</c> nor <c>index</c> renders
/// the same for every element (inputs, earlier steps and secrets do not change while a step runs), so it is rendered
/// once — a 1,000-element bulk POST of one payload serializes that payload once, not 1,000 times.
/// </summary>
internal sealed class ElementShared
{
    private readonly ConcurrentDictionary<object, object> _renderings = new(ReferenceEqualityComparer.Instance);

    /// <summary>The rendering for <paramref name="key"/> (a compiled template), made by <paramref name="render"/> on first use.</summary>
    public T GetOrRender<T, TState>(object key, TState state, Func<TState, T> render) where T : class =>
        (T)_renderings.GetOrAdd(key, static (_, s) => s.render(s.state), (render, state));
}
