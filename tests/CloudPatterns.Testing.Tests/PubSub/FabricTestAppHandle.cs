namespace CloudPatterns.Testing.Tests.PubSub;

/// <summary>A probe subscriber that disposes with the test.</summary>
public sealed class FabricTestAppHandle : IAsyncDisposable
{
    private FabricTestApp _app = null!;

    public ProbeSubscriber Probe { get; private set; } = null!;

    public static async Task<FabricTestAppHandle> StartAsync(
        DaprTestFabric fabric, string appId, params (string Topic, string Route, Func<HttpContext, IResult> Answer, string? DeadLetterTopic)[] routes)
    {
        var (app, probe) = await ProbeSubscriber.StartAsync(fabric, appId, routes);
        return new FabricTestAppHandle { _app = app, Probe = probe };
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
