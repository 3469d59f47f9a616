namespace CloudPatterns.Testing.Fabric;

/// <summary>
/// The message handler behind DaprClient.CreateInvokableHttpClient: a request to http://{app-id}/path, to
/// the sidecar's /v1.0/invoke/{app-id}/method/path, or to the sidecar with a <c>dapr-app-id</c> header (as a
/// proxy forwards), is delivered to that app through the fabric.
/// </summary>
public sealed class FabricInvocationHandler(DaprTestFabric fabric, string callerAppId, string? defaultAppId = null) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.TryGetValues("dapr-app-id", out var appIds) && request.RequestUri is { IsAbsoluteUri: true } proxied)
        {
            request.Headers.Remove("dapr-app-id");
            request.RequestUri = new Uri($"http://127.0.0.1:3500/v1.0/invoke/{appIds.First()}/method{proxied.PathAndQuery}");
        }
        else if (request.RequestUri is { IsAbsoluteUri: true } uri && !uri.AbsolutePath.StartsWith("/v1.0/invoke/", StringComparison.Ordinal))
        {
            request.RequestUri = new Uri($"http://127.0.0.1:3500/v1.0/invoke/{uri.Host}/method{uri.PathAndQuery}");
        }
        else if (request.RequestUri is { IsAbsoluteUri: false } relative && defaultAppId is not null)
        {
            request.RequestUri = new Uri($"http://127.0.0.1:3500/v1.0/invoke/{defaultAppId}/method/{relative.OriginalString.TrimStart('/')}");
        }

        return fabric.InvokeAsync(callerAppId, request, cancellationToken);
    }

    /// <summary>Splits a sidecar invocation URL into the target app id and the method path (with query).</summary>
    public static (string AppId, string MethodPathAndQuery) Target(Uri uri)
    {
        const string prefix = "/v1.0/invoke/";
        var path = uri.AbsolutePath;
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{uri} is not a Dapr service invocation URL.", nameof(uri));
        }

        var rest = path[prefix.Length..];
        var slash = rest.IndexOf("/method/", StringComparison.Ordinal);
        if (slash < 0)
        {
            throw new ArgumentException($"{uri} has no /method/ segment.", nameof(uri));
        }

        return (Uri.UnescapeDataString(rest[..slash]), "/" + rest[(slash + "/method/".Length)..] + uri.Query);
    }
}
