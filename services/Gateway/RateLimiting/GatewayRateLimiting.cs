using System.Globalization;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>
/// Per caller (<see cref="CallerKey"/>): the global limit on every request, and the limit of the route's family
/// (RateLimit in the route's metadata). Health probes are not limited. Over either: 429, Retry-After and a problem
/// body. A request the family refuses hands its global permit back, so only served requests count.
/// Runs after authentication, so a signed-in caller is counted as the user, not the address.
/// </summary>
public static class GatewayRateLimiting
{
    public const string GlobalLimit = "global";

    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RateLimitMetrics>();
        services.AddSingleton<SharedWindowStore>();
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

        var budgets = context.RequestServices.GetRequiredService<SharedBudgets>();
        var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var caller = CallerKey.Of(context);
        var global = await budgets.TakeAsync(GlobalLimit, limits.Global, caller, context.RequestAborted);
        if (!global.Granted)
        {
            await RejectAsync(context, global.RetryAfter);
            return;
        }

        if (RateLimitRoutes.FamilyOf(context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config) is { } family)
        {
            var decision = await budgets.TakeAsync(family, limits.Families[family], caller, context.RequestAborted);
            if (!decision.Granted)
            {
                global.GiveBack();
                await RejectAsync(context, decision.RetryAfter);
                return;
            }
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
