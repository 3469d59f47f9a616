namespace CloudPatterns.Testing.Components;

/// <summary>
/// The Dapr resources the fabric plays by: components (with their scopes), declarative subscriptions
/// and Resiliency resources. Loaded from the repository's own YAML, so the tests fail when the
/// configuration and the code disagree, as a real sidecar would.
/// </summary>
public sealed class ComponentRegistry
{
    private readonly Dictionary<string, ComponentDefinition> _components = new(StringComparer.Ordinal);
    private readonly List<(JsonObject Resource, string File)> _subscriptions = [];

    public IReadOnlyCollection<ComponentDefinition> Components => _components.Values;

    public IReadOnlyList<(JsonObject Resource, string File)> DeclarativeSubscriptions => _subscriptions;

    private readonly List<JsonObject> _resiliency = [];

    /// <summary>The Resiliency resources, as loaded (the fabric resolves them per app: <see cref="Resiliency.ResiliencyPolicies"/>).</summary>
    public IReadOnlyList<JsonObject> ResiliencyResources => _resiliency;

    /// <summary>The components Dapr would load for <c>dapr run -f .</c> locally: components/local and components/common.</summary>
    public static ComponentRegistry FromRepository(string environment = "local") =>
        FromFolders(RepositoryPaths.Combine("components", environment), RepositoryPaths.Combine("components", "common"));

    public static ComponentRegistry FromFolders(params string[] folders)
    {
        var registry = new ComponentRegistry();
        foreach (var file in folders.Where(Directory.Exists).SelectMany(f => Directory.EnumerateFiles(f, "*.yaml")).Order(StringComparer.Ordinal))
        {
            registry.AddResources(YamlDocuments.Load(file), file);
        }

        return registry;
    }

    /// <summary>Adds the resources of a YAML text (components, subscriptions, Resiliency), as a test writes them.</summary>
    public ComponentRegistry AddYaml(string yaml) => AddResources(YamlDocuments.Parse(yaml), "(test YAML)");

    private ComponentRegistry AddResources(IEnumerable<JsonObject> resources, string file)
    {
        foreach (var resource in resources)
        {
            switch (resource.Text("kind"))
            {
                case "Component":
                    Add(ComponentDefinition.FromResource(resource, file));
                    break;
                case "Subscription":
                    _subscriptions.Add((resource, file));
                    break;
                case "Resiliency":
                    _resiliency.Add(resource);
                    break;
            }
        }

        return this;
    }

    public ComponentRegistry Add(ComponentDefinition component)
    {
        if (!_components.TryAdd(component.Name, component))
        {
            throw new InvalidDataException($"Component {component.Name} is defined twice ({component.SourceFile}).");
        }

        return this;
    }

    public bool TryGet(string name, out ComponentDefinition component) => _components.TryGetValue(name, out component!);

    /// <summary>
    /// The component <paramref name="name"/> as the sidecar of <paramref name="appId"/> sees it. A
    /// component scoped to other apps is not loaded by this app's sidecar, so it is "not found", exactly
    /// the error the app would get at run time.
    /// </summary>
    public ComponentDefinition Require(string appId, string name, string typePrefix)
    {
        if (!_components.TryGetValue(name, out var component)
            || !component.IsScopedTo(appId)
            || !component.Type.StartsWith(typePrefix, StringComparison.Ordinal))
        {
            var kind = typePrefix.TrimEnd('.') switch
            {
                "state" => "state store",
                "pubsub" => "pubsub",
                "secretstores" => "secret store",
                "bindings" => "output binding",
                _ => "component",
            };
            throw new DaprException(
                $"{kind} {name} is not found (sidecar of {appId})",
                new RpcException(new Status(StatusCode.InvalidArgument, $"{kind} {name} is not found")));
        }

        return component;
    }

    public IEnumerable<ComponentDefinition> ScopedTo(string appId) => _components.Values.Where(c => c.IsScopedTo(appId));
}
