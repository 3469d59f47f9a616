using CloudPatterns.Testing.Fabric;
using CloudPatterns.Testing.Workflows;
using Dapr.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CloudPatterns.Testing.Hosting;

internal static class FabricServiceCollectionExtensions
{
    /// <summary>
    /// Workflows run in the fabric's runner: drop the SDK's worker (it would dial a sidecar that is not
    /// there) and hand out a workflow client backed by the runner.
    /// </summary>
    public static void UseFabricWorkflows(this IServiceCollection services, DaprTestFabric fabric, string appId)
    {
        foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == "Dapr.Workflow.Worker.WorkflowWorker").ToList())
        {
            services.Remove(worker);
        }

        services.RemoveAll<IDaprWorkflowClient>();
        services.AddSingleton<IDaprWorkflowClient>(_ => new FabricWorkflowClient(fabric, appId));
    }
}
