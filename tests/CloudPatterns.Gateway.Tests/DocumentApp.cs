namespace CloudPatterns.Gateway.Tests;

/// <summary>
/// A stand-in service on the fabric that serves a given OpenAPI document at /openapi/v1.json (or fails to, as told),
/// counts the reads, and answers 200 to anything else.
/// </summary>
public sealed class DocumentApp : HttpMessageHandler
{
    private DocumentApp(JsonObject document) => Document = document;

    public JsonObject Document { get; set; }

    /// <summary>Answer the document's path with this status instead (e.g. 503).</summary>
    public HttpStatusCode? FailWith { get; set; }

    /// <summary>Answer the document's path with this text (200, application/json) instead of the document.</summary>
    public string? AnswerWith { get; set; }

    /// <summary>Hold the document's request until the caller gives up.</summary>
    public bool Hang { get; set; }

    public int Reads { get; private set; }

    /// <summary>Completes when a read arrives (for a test that must act while one is held).</summary>
    public TaskCompletionSource ReadArrived { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<DocumentApp> JoinAsync(DaprTestFabric fabric, string appId, JsonObject document)
    {
        var app = new DocumentApp(document);
        await fabric.JoinAsync(appId, app, new ServiceCollection().BuildServiceProvider());
        return app;
    }

    /// <summary>
    /// An OpenAPI 3.1 document with these operations ("GET /path" → the schema name of its 200 answer, or null) and these
    /// component schemas.
    /// </summary>
    public static JsonObject Describe(string title, IDictionary<string, string?> operations, JsonObject? schemas = null)
    {
        var paths = new JsonObject();
        foreach (var (operation, schema) in operations)
        {
            var (method, path) = RequestLine.Read(operation);
            var item = paths[path] as JsonObject ?? (JsonObject)(paths[path] = new JsonObject());
            var ok = new JsonObject { ["description"] = "OK" };
            if (schema is not null)
            {
                ok["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{schema}" } } };
            }

            item[method.Method.ToLowerInvariant()] = new JsonObject
            {
                ["tags"] = new JsonArray(title),
                ["responses"] = new JsonObject
                {
                    ["200"] = ok,
                    ["404"] = new JsonObject { ["description"] = $"{title} has no such thing." },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject { ["title"] = title, ["version"] = "1.0.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas ?? [] },
            ["tags"] = new JsonArray(new JsonObject { ["name"] = title }),
        };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : "/" + request.RequestUri.OriginalString;
        if (path == "/dapr/subscribe")
        {
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[]", Encoding.UTF8, "application/json") };
        }

        if (path != "/openapi/v1.json")
        {
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        }

        Reads++;
        ReadArrived.TrySetResult();
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return FailWith is { } status
            ? new HttpResponseMessage(status)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(AnswerWith ?? Document.ToJsonString(), Encoding.UTF8, "application/json") };
    }
}
