namespace CloudPatterns.AnalyticsService.Summary;

public static class SummaryApi
{
    public static IEndpointRouteBuilder MapSummaryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/analytics/summary", GetSummary).WithTags("Analytics").RequireAuthorization(Policies.Admin);
        return app;
    }

    [UnavailableResponse]
    public static async Task<Ok<AnalyticsSummary>> GetSummary(SummaryStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.GetAsync(cancellationToken));
}
