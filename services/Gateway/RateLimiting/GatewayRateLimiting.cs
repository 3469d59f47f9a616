namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>
/// Per caller (<see cref="CallerKey"/>): the global limit on every request, and the limit of the route's family
/// (RateLimit in the route's metadata). Health probes are not limited. Over either: 429, Retry-After and a problem
/// body (<see cref="SharedBudgets.AdmitAsync"/>).
/// Runs after authentication, so a signed-in caller is counted as the user, not the address.
/// </summary>
public static class GatewayRateLimiting
{
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RateLimitMetrics>();
        services.AddSingleton<ISharedWindowStore, DaprSharedWindowStore>();
        services.AddSingleton<SharedBudgets>();
        return services;
    }

    public static IApplicationBuilder UseGatewayRateLimiting(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/alive"))
        {
            await next(context);
            return;
        }

        var family = RateLimitRoutes.FamilyOf(context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config);
        var decision = await context.RequestServices.GetRequiredService<SharedBudgets>().AdmitAsync(CallerKey.Of(context), family, context.RequestAborted);
        if (!decision.Granted)
        {
            await RejectAsync(context, decision.RetryAfter);
            return;
        }

        await next(context);
    });

    private static async Task RejectAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
                title: "Too many requests.",
                detail: $"The rate limit for this caller is used up; try again in {seconds} s.",
                statusCode: StatusCodes.Status429TooManyRequests)
            .ExecuteAsync(context);
    }
}
