namespace CloudPatterns.Gateway.Tests;

/// <summary>A stand-in app on the fabric that answers everything (200, or <see cref="Status"/>) and remembers what reached it.</summary>
public sealed class EchoApp : HttpMessageHandler
{
    private EchoApp(string appId) => AppId = appId;

    public string AppId { get; }

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>Headers every answer carries (e.g. the Content-Security-Policy a site sets).</summary>
    public ConcurrentDictionary<string, string> ResponseHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The status every answer has.</summary>
    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public static async Task<EchoApp> JoinAsync(DaprTestFabric fabric, string appId)
    {
        var app = new EchoApp(appId);
        await fabric.JoinAsync(appId, app, new ServiceCollection().BuildServiceProvider());
        return app;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : "/" + request.RequestUri.OriginalString;
        if (path == "/dapr/subscribe")
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[]", Encoding.UTF8, "application/json") });
        }

        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value), StringComparer.Ordinal);
        Received.Enqueue(new ReceivedRequest(request.Method.Method, path, headers));
        var body = JsonSerializer.Serialize(new { app = AppId, path });
        var response = new HttpResponseMessage(Status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in ResponseHeaders)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return Task.FromResult(response);
    }
}
