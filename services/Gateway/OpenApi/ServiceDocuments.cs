namespace CloudPatterns.Gateway.OpenApi;

/// <summary>A service's own API document as the gateway read it, or why it could not.</summary>
public sealed record ServiceDocument(string AppId, JsonObject? Document, string? Problem)
{
    public bool IsAvailable => Document is not null;
}

/// <summary>
/// Reads each service's /openapi/v1.json through the gateway's sidecar (service invocation, as the gateway forwards
/// every other call), with a short timeout, and keeps what it read: a document for <see cref="ApiDocumentOptions.CacheFor"/>,
/// a failure for <see cref="ApiDocumentOptions.RetryAfter"/>. Concurrent readers of one app share one request.
/// </summary>
public sealed partial class ServiceDocuments(
    IHttpClientFactory clients, TimeProvider time, IOptions<ApiDocumentOptions> options, IConfiguration configuration, ILogger<ServiceDocuments> logger)
{
    public const string ClientName = "service-api-documents";

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task<ServiceDocument> GetAsync(string appId)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(appId, out var cached) && (!cached.Read.IsCompleted || time.GetUtcNow() < cached.FreshUntil))
            {
                return cached.Read;
            }

            var entry = new Entry();
            entry.Read = ReadAsync(appId, entry);
            _entries[appId] = entry;
            return entry.Read;
        }
    }

    private async Task<ServiceDocument> ReadAsync(string appId, Entry entry)
    {
        var result = await FetchAsync(appId);
        if (!result.IsAvailable)
        {
            LogUnavailable(logger, appId, result.Problem!);
        }

        entry.FreshUntil = time.GetUtcNow() + (result.IsAvailable ? options.Value.CacheFor : options.Value.RetryAfter);
        return result;
    }

    private async Task<ServiceDocument> FetchAsync(string appId)
    {
        // Not the caller's cancellation: the read is shared, and its own timeout bounds it.
        using var timeout = new CancellationTokenSource(options.Value.Timeout, time);
        try
        {
            using var client = clients.CreateClient(ClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, ServiceApiDocument.Path.TrimStart('/'));
            request.Headers.TryAddWithoutValidation(DaprRoutes.AppIdHeader, appId);
            if (configuration["DAPR_API_TOKEN"] is { Length: > 0 } sidecarToken)
            {
                request.Headers.TryAddWithoutValidation(DaprRoutes.ApiTokenHeader, sidecarToken);
            }

            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return new ServiceDocument(appId, null, $"it answered {(int)response.StatusCode}");
            }

            var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token)) as JsonObject;
            return document?["openapi"] is JsonValue version && version.TryGetValue<string>(out var text) && text.StartsWith("3.", StringComparison.Ordinal)
                && document["paths"] is JsonObject
                ? new ServiceDocument(appId, document, null)
                : new ServiceDocument(appId, null, "it answered with something other than an OpenAPI 3 document");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new ServiceDocument(appId, null, $"it did not answer within {options.Value.Timeout.TotalSeconds:0.###} s");
        }
        catch (JsonException)
        {
            return new ServiceDocument(appId, null, "it answered with something that is not JSON");
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
        {
            return new ServiceDocument(appId, null, $"it could not be read ({ex.GetType().Name})");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API document of {AppId} could not be read ({Problem}); the public document describes its routes only")]
    private static partial void LogUnavailable(ILogger logger, string appId, string problem);

    private sealed class Entry
    {
        public Task<ServiceDocument> Read { get; set; } = null!;

        public DateTimeOffset FreshUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
