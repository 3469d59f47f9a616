namespace CloudPatterns.EndToEnd.Systems;

/// <summary>
/// The two calls of a sidecar's HTTP API the scenarios make, on the fabric: /v1.0/invoke (service invocation, the
/// sidecar's app as the caller) and /v1.0/publish/{pubsub}/{topic} with metadata.* query parameters, as daprd reads
/// them (dapr/dapr v1.18.3 pkg/api/http/http.go, onPublish and getMetadataFromRequest), `cloudevent.id` and
/// `cloudevent.type` among them overriding the envelope's (pkg/runtime/pubsub/cloudevents.go, NewCloudEvent).
/// </summary>
internal sealed class FabricSidecarApi(DaprTestFabric fabric, string appId) : DelegatingHandler(new FabricInvocationHandler(fabric, appId))
{
    private const string PublishPrefix = "/v1.0/publish/";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (!path.StartsWith(PublishPrefix, StringComparison.Ordinal))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var parts = path[PublishPrefix.Length..].Split('/', 2);
        var metadata = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
        var data = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var contentType = request.Content?.Headers.ContentType?.MediaType ?? "application/json";
        await fabric.ClientFor(appId).PublishByteEventAsync(parts[0], Uri.UnescapeDataString(parts[1]), data, contentType,
            metadata.AllKeys.Where(k => k?.StartsWith("metadata.", StringComparison.Ordinal) == true)
                .ToDictionary(k => k!["metadata.".Length..], k => metadata[k]!, StringComparer.Ordinal),
            cancellationToken);
        return new HttpResponseMessage(HttpStatusCode.NoContent);
    }
}
