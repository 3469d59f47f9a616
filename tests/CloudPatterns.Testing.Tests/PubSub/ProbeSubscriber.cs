namespace CloudPatterns.Testing.Tests.PubSub;

/// <summary>A subscriber whose answer per route a test chooses, recording every envelope it is handed.</summary>
public sealed class ProbeSubscriber
{
    public ConcurrentQueue<(string Route, JsonObject Envelope)> Received { get; } = new();

    public static async Task<(FabricTestApp App, ProbeSubscriber Probe)> StartAsync(
        DaprTestFabric fabric, string appId, params (string Topic, string Route, Func<HttpContext, IResult> Answer, string? DeadLetterTopic)[] routes)
    {
        var probe = new ProbeSubscriber();
        var app = await FabricTestApp.StartAsync(fabric, appId, web =>
        {
            foreach (var (topic, route, answer, deadLetter) in routes)
            {
                web.MapPost(route, async (HttpContext context) =>
                {
                    var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
                    probe.Received.Enqueue((route, JsonNode.Parse(body)!.AsObject()));
                    return answer(context);
                }).WithTopic(new TopicOptions { PubsubName = "pubsub", Name = topic, DeadLetterTopic = deadLetter });
            }

            web.MapSubscribeHandler();
        });
        return (app, probe);
    }

    public static IResult Status(string status) => Results.Json(new { status });
}
