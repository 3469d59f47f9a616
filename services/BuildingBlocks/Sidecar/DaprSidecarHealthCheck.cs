namespace CloudPatterns.Sidecar;

/// <summary>Ready only when the sidecar has loaded its components; when it has not, the reason says what to do.</summary>
public sealed class DaprSidecarHealthCheck(SidecarHealth sidecar) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await sidecar.AnswersAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"The Dapr sidecar at {sidecar.HttpEndpoint} answers.")
            : HealthCheckResult.Unhealthy(sidecar.SilentReason);
}
