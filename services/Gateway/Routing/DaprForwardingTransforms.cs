namespace CloudPatterns.Gateway.Routing;

/// <summary>
/// Turns each proxied request into a Dapr service invocation through the local sidecar: the target app goes
/// in <c>dapr-app-id</c> (the canary may pick the candidate), so mTLS, resiliency policies and tracing apply.
/// Sidecar-only headers a client sent are dropped first, so nobody can pose as another app; the user's
/// bearer token travels on, for each service to check again. HEAD, on routes that list it, is forwarded as GET
/// (the services map GETs only) and answered without the body: the status and headers GET would have. When the
/// sidecar could not reach the app, the client gets a 503 (<see cref="SidecarInvokeFailure"/>), not daprd's error.
/// </summary>
public sealed class DaprForwardingTransforms(CanaryRouter canary, IConfiguration configuration, ILogger<DaprForwardingTransforms> logger)
    : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
        if (context.Route.Metadata?.TryGetValue(DaprRoutes.AppIdMetadata, out var appId) != true || string.IsNullOrWhiteSpace(appId))
        {
            context.Errors.Add(new InvalidOperationException($"Route '{context.Route.RouteId}' names no {DaprRoutes.AppIdMetadata} in its Metadata."));
        }
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        var appId = context.Route.Metadata![DaprRoutes.AppIdMetadata];
        var sidecarToken = configuration["DAPR_API_TOKEN"];
        var servesPages = DaprRoutes.ServesPages(context.Route);
        // YARP's default X-Forwarded-Prefix would be the gateway's own (empty) PathBase and replace ours.
        context.UseDefaultForwarders = false;
        context.AddXForwardedFor();
        context.AddXForwardedHost();
        context.AddXForwardedProto();
        context.AddRequestTransform(transform =>
        {
            var headers = transform.ProxyRequest.Headers;
            foreach (var header in DaprRoutes.SidecarHeaders)
            {
                headers.Remove(header);
            }

            if (HttpMethods.IsHead(transform.HttpContext.Request.Method))
            {
                transform.ProxyRequest.Method = HttpMethod.Get;
            }

            var decision = canary.Choose(appId, transform.HttpContext);
            headers.TryAddWithoutValidation(DaprRoutes.AppIdHeader, decision.AppId);
            // The service builds the links it returns (Location, status URLs) under the prefix the client used.
            // A site's pages sit at the root: no prefix to add.
            headers.Remove(PublicLinks.PrefixHeader);
            if (!servesPages)
            {
                headers.TryAddWithoutValidation(PublicLinks.PrefixHeader, DaprRoutes.PublicPrefix);
            }
            if (!string.IsNullOrEmpty(sidecarToken))
            {
                headers.TryAddWithoutValidation(DaprRoutes.ApiTokenHeader, sidecarToken);
            }

            if (decision.IsCandidate is { } candidate)
            {
                transform.HttpContext.Response.Headers[CanaryRouter.Header] = candidate ? "true" : "false";
            }

            return ValueTask.CompletedTask;
        });
        context.AddResponseTransform(async transform =>
        {
            transform.SuppressResponseBody |= HttpMethods.IsHead(transform.HttpContext.Request.Method);
            await SidecarInvokeFailure.ReplaceAsync(transform, logger);
        });
    }
}
