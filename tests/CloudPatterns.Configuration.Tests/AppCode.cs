namespace CloudPatterns.Configuration.Tests;

/// <summary>What an app's code needs from Dapr, read from its assembly (and the project's assemblies it references).</summary>
public sealed class AppCode
{
    private readonly Assembly _assembly;

    private AppCode(Assembly assembly) => _assembly = assembly;

    public static AppCode For(RunFile runFile, string appId)
    {
        var project = Directory.GetFiles(runFile.AppDirectory(appId), "*.csproj").Single();
        return new AppCode(Assembly.Load(Path.GetFileNameWithoutExtension(project)));
    }

    /// <summary>
    /// The component names the app's code declares in its DaprComponents class, plus the secret store every app
    /// built on ServiceDefaults reads users' token signing key from.
    /// </summary>
    public IEnumerable<string> ComponentsUsed()
    {
        // An app without a DaprComponents class (the payment provider simulator) uses no components.
        var declarations = _assembly.GetTypes().SingleOrDefault(t => t.Name == "DaprComponents");
        var declared = (declarations?.GetFields(BindingFlags.Public | BindingFlags.Static) ?? [])
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
        var usesServiceDefaults = _assembly.GetReferencedAssemblies().Any(a => a.Name == typeof(ServiceDefaultsExtensions).Assembly.GetName().Name);
        return usesServiceDefaults ? declared.Append(new UserAuthenticationOptions().SecretStore).Distinct() : declared;
    }

    /// <summary>True when the app (or a workflow library it references) defines actors or workflows, which need an actor state store.</summary>
    public bool DefinesActorsOrWorkflows() =>
        ProjectAssemblies().SelectMany(a => a.GetTypes()).Any(t => t.IsSubclassOf(typeof(Actor)) || IsWorkflow(t));

    private IEnumerable<Assembly> ProjectAssemblies() =>
        _assembly.GetReferencedAssemblies()
            .Where(a => a.Name!.StartsWith("CloudPatterns.", StringComparison.Ordinal))
            .Select(Assembly.Load)
            .Prepend(_assembly);

    private static bool IsWorkflow(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(Workflow<,>))
            {
                return true;
            }
        }

        return false;
    }
}
