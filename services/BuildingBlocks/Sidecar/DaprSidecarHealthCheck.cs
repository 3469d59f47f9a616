using Dapr.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CloudPatterns.Sidecar;

/// <summary>
/// Ready only when the sidecar has loaded its components. Uses the outbound health endpoint, which does
/// not depend on this app, so the sidecar probing our /health cannot deadlock with us probing it.
/// </summary>
public sealed class DaprSidecarHealthCheck(DaprClient dapr) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await dapr.CheckOutboundHealthAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The Dapr sidecar is not ready.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Dapr.DaprException)
        {
            return HealthCheckResult.Unhealthy("The Dapr sidecar cannot be reached.", ex);
        }
    }
}
