using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CloudPatterns.Gateway.RateLimiting;

public static class GatewayRateLimiting
{
    /// <summary>
    /// The global limit and one policy per route family (RateLimiterPolicy in the route table), each
    /// partitioned by caller. Health probes are not limited.
    /// </summary>
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, TimeProvider>((options, limits, time) =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/alive")
                    ? RateLimitPartition.GetNoLimiter("probes")
                    : RateLimitPartition.Get(CallerKey.Of(context), _ => new ClockedFixedWindowLimiter(limits.Value.Global, time)));
            foreach (var (family, limit) in limits.Value.Families)
            {
                options.AddPolicy(family, context => RateLimitPartition.Get(CallerKey.Of(context), _ => new ClockedFixedWindowLimiter(limit, time)));
            }

            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.Zero;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
                title: "Too many requests.",
                detail: $"The rate limit for this caller is used up; try again in {seconds} s.",
                statusCode: StatusCodes.Status429TooManyRequests)
            .ExecuteAsync(context.HttpContext);
    }
}
