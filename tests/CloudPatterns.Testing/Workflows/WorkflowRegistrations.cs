namespace CloudPatterns.Testing.Workflows;

/// <summary>
/// The workflows and activities an app registered, explicitly or through Dapr.Workflow's source generator,
/// read from its services the way the SDK's worker reads them (names are the class names, case-insensitive).
/// </summary>
internal sealed class WorkflowRegistrations : IWorkflowsFactory
{
    private readonly Dictionary<string, Type> _workflows = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Type> _activities = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, Type> Workflows => _workflows;

    public IReadOnlyDictionary<string, Type> Activities => _activities;

    /// <summary>Null when the app does not host workflows (no AddDaprWorkflow).</summary>
    public static WorkflowRegistrations? From(IServiceProvider services)
    {
        // Resolving the factory applies the source-generated registrations to the runtime options.
        if (services.GetService<IWorkflowsFactory>() is null || services.GetService<WorkflowRuntimeOptions>() is not { } options)
        {
            return null;
        }

        var registrations = new WorkflowRegistrations();
        options.ApplyRegistrations(registrations);
        return registrations;
    }

    public void RegisterWorkflow<TWorkflow>(string? name = null) where TWorkflow : class, IWorkflow =>
        _workflows.TryAdd(name ?? typeof(TWorkflow).Name, typeof(TWorkflow));

    public void RegisterActivity<TActivity>(string? name = null) where TActivity : class, IWorkflowActivity =>
        _activities.TryAdd(name ?? typeof(TActivity).Name, typeof(TActivity));

    public void RegisterWorkflow<TInput, TOutput>(string name, Func<WorkflowContext, TInput, Task<TOutput>> implementation) =>
        throw new NotSupportedException("The workflow runner runs workflow classes; register lambda workflows as classes.");

    public void RegisterActivity<TInput, TOutput>(string name, Func<WorkflowActivityContext, TInput, Task<TOutput>> implementation) =>
        throw new NotSupportedException("The workflow runner runs activity classes; register lambda activities as classes.");

    public bool TryCreateWorkflow(TaskIdentifier identifier, IServiceProvider serviceProvider, out IWorkflow? workflow, out Exception? activationException) =>
        TryCreate(_workflows, identifier, serviceProvider, out workflow, out activationException);

    public bool TryCreateActivity(TaskIdentifier identifier, IServiceProvider serviceProvider, out IWorkflowActivity? activity, out Exception? activationException) =>
        TryCreate(_activities, identifier, serviceProvider, out activity, out activationException);

    private static bool TryCreate<T>(Dictionary<string, Type> registered, TaskIdentifier identifier, IServiceProvider serviceProvider, out T? created, out Exception? activationException)
        where T : class
    {
        activationException = null;
        created = registered.TryGetValue(identifier.Name, out var type) ? (T)ActivatorUtilities.CreateInstance(serviceProvider, type) : null;
        return created is not null;
    }
}
