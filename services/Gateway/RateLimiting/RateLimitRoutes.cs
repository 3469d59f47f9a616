namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>
/// Each route names its rate-limit family in its metadata (RateLimit), and the family must be one of
/// Gateway:RateLimits:Families: YARP calls this while loading the route table, so a typo stops the gateway at
/// start-up instead of leaving a route with the global limit only. Adds no transforms.
/// </summary>
public sealed class RateLimitRoutes(IOptions<RateLimitOptions> limits) : ITransformProvider
{
    public const string Metadata = "RateLimit";

    public static string? FamilyOf(RouteConfig? route) => route?.Metadata?.GetValueOrDefault(Metadata);

    public void ValidateRoute(TransformRouteValidationContext context)
    {
        var family = FamilyOf(context.Route);
        if (family is null || !limits.Value.Families.ContainsKey(family))
        {
            context.Errors.Add(new InvalidOperationException(
                $"Route '{context.Route.RouteId}' must name a rate-limit family of {RateLimitOptions.Section}:Families in its Metadata ({Metadata}); it names '{family}'."));
        }
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
    }
}
