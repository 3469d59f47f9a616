namespace CloudPatterns.ServiceDefaults.Health;

public static class HealthEndpoints
{
    public const string ReadinessPath = "/health";
    public const string LivenessPath = "/alive";

    /// <summary>
    /// /health: ready to serve (every check, the sidecar included). /alive: the process is responsive. Both answer
    /// with each check and its reason, so a failing probe says what to do (e.g. which sidecar address was tried).
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions { ResponseWriter = WriteReport }).AllowWithoutSidecarToken();
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions
            {
                Predicate = check => check.Tags.Contains(HostingDefaults.LiveTag),
                ResponseWriter = WriteReport,
            })
            .AllowWithoutSidecarToken();
        return app;
    }

    /// <summary>Read by people at a terminal as much as by probes: a command in a reason stays as written.</summary>
    private static readonly JsonSerializerOptions ReportJson = new(JsonDefaults.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Task WriteReport(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(
            new HealthAnswer(report.Status.ToString(), [.. report.Entries.Select(e => new HealthCheckAnswer(e.Key, e.Value.Status.ToString(), e.Value.Description))]),
            ReportJson);

    /// <summary>What a probe reads: the overall status and each check's, with its reason (never an exception's details).</summary>
    public sealed record HealthAnswer(string Status, IReadOnlyList<HealthCheckAnswer> Checks);

    public sealed record HealthCheckAnswer(string Name, string Status, string? Description);
}
