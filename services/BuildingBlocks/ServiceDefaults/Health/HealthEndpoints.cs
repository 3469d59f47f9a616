using CloudPatterns.Hosting;
using CloudPatterns.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;

namespace CloudPatterns.ServiceDefaults.Health;

public static class HealthEndpoints
{
    public const string ReadinessPath = "/health";
    public const string LivenessPath = "/alive";

    /// <summary>/health: ready to serve (every check, the sidecar included). /alive: the process is responsive.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(ReadinessPath).AllowWithoutSidecarToken();
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(HostingDefaults.LiveTag) })
            .AllowWithoutSidecarToken();
        return app;
    }
}
