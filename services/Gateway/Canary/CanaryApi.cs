namespace CloudPatterns.Gateway.Canary;

public static class CanaryApi
{
    /// <summary>
    /// The canary split, answered by the gateway itself (the only app that knows it), for admins. Each replica counts
    /// what it served; with several replicas, each answer is one replica's share of the traffic.
    /// </summary>
    public static IEndpointRouteBuilder MapCanaryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/canary", Splits).WithTags("Canary (admin)").RequireAuthorization(Policies.Admin);
        return app;
    }

    public static Ok<IReadOnlyList<CanarySplit>> Splits(CanaryRouter router) => TypedResults.Ok(router.Splits());
}
