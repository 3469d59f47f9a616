namespace CloudPatterns.Testing.Bindings;

/// <summary>
/// Output bindings by component name. A bindings.localstorage component gets an in-memory file store
/// unless a test sets its own behaviour; every call is recorded.
/// </summary>
public sealed class BindingRegistry
{
    private readonly DaprTestFabric _fabric;
    private readonly Dictionary<string, IOutputBinding> _bindings = new(StringComparer.Ordinal);
    private readonly List<BindingCall> _calls = [];
    private readonly Lock _gate = new();

    internal BindingRegistry(DaprTestFabric fabric) => _fabric = fabric;

    public IReadOnlyList<BindingCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Replaces what the binding <paramref name="name"/> does.</summary>
    public void Use(string name, IOutputBinding binding)
    {
        lock (_gate)
        {
            _bindings[name] = binding;
        }
    }

    /// <summary>The in-memory local storage behind a bindings.localstorage component.</summary>
    public InMemoryLocalStorageBinding LocalStorage(string name) => (InMemoryLocalStorageBinding)Get(name);

    internal async Task<BindingResponse> InvokeAsync(string appId, BindingRequest request, CancellationToken cancellationToken)
    {
        _fabric.Components.Require(appId, request.BindingName, "bindings.");
        lock (_gate)
        {
            _calls.Add(new BindingCall(appId, request.BindingName, request.Operation, request.Data.ToArray(), new Dictionary<string, string>(request.Metadata)));
        }

        return await Get(request.BindingName).InvokeAsync(request, cancellationToken);
    }

    private IOutputBinding Get(string name)
    {
        lock (_gate)
        {
            if (_bindings.TryGetValue(name, out var binding))
            {
                return binding;
            }

            if (_fabric.Components.TryGet(name, out var component) && component.Type == "bindings.localstorage")
            {
                return _bindings[name] = new InMemoryLocalStorageBinding();
            }

            throw new InvalidOperationException($"Binding {name} ({component?.Type ?? "unknown type"}) has no behaviour in the fabric; give it one with Bindings.Use.");
        }
    }
}
