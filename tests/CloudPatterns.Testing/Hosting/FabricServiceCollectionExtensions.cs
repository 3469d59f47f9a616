namespace CloudPatterns.Testing.Hosting;

internal static class FabricServiceCollectionExtensions
{
    /// <summary>
    /// HttpClients registered with AddDaprInvocationClient keep Dapr's InvocationHandler (it rewrites the
    /// URL for the sidecar) but reach the fabric instead of a sidecar on localhost:3500.
    /// </summary>
    public static void UseFabricInvocation(this IServiceCollection services, DaprTestFabric fabric, string appId) =>
        services.ConfigureAll<HttpClientFactoryOptions>(options => options.HttpMessageHandlerBuilderActions.Add(builder =>
        {
            var invocationClients = builder.Services.GetRequiredService<IOptions<DaprInvocationClients>>().Value.Names;
            if (builder.Name is not null && invocationClients.Contains(builder.Name))
            {
                builder.PrimaryHandler = new FabricInvocationHandler(fabric, appId);
            }
        }));

    /// <summary>
    /// Workflows run in the fabric's runner: drop the SDK's worker (it would dial a sidecar that is not
    /// there), whether registered directly or deferred until the sidecar answers, and hand out a workflow client
    /// backed by the runner.
    /// </summary>
    public static void UseFabricWorkflows(this IServiceCollection services, DaprTestFabric fabric, string appId)
    {
        static bool IsWorker(ServiceDescriptor d) => d.ImplementationType?.FullName == "Dapr.Workflow.Worker.WorkflowWorker";
        var workers = services.Where(d => (d.ServiceType == typeof(IHostedService) && IsWorker(d))
            || (d.ImplementationInstance is DeferredHostedService deferred && IsWorker(deferred.Registration)));
        foreach (var worker in workers.ToList())
        {
            services.Remove(worker);
        }

        services.RemoveAll<IDaprWorkflowClient>();
        services.AddSingleton<IDaprWorkflowClient>(_ => new FabricWorkflowClient(fabric, appId));
    }
}
