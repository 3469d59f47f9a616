namespace CloudPatterns.Testing.Hosting;

/// <summary>
/// A small app written inside a test (a fake neighbour, a probe subscriber) joined to the fabric under an
/// app id, wired exactly like <see cref="DaprAppFactory{TEntryPoint}"/> wires the real apps.
/// </summary>
public sealed class FabricTestApp : IAsyncDisposable
{
    private FabricTestApp(WebApplication app, string appId)
    {
        App = app;
        AppId = appId;
    }

    public WebApplication App { get; }

    public string AppId { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<FabricTestApp> StartAsync(
        DaprTestFabric fabric, string appId, Action<WebApplication> map, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["APP_ID"] = appId;
        if (fabric.AppToken is { } token)
        {
            builder.Configuration["APP_API_TOKEN"] = token;
        }

        builder.Services.AddRouting();
        configureServices?.Invoke(builder.Services);
        builder.Services.RemoveAll<DaprClient>();
        builder.Services.AddSingleton(_ => fabric.ClientFor(appId));
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(fabric.Time);
        builder.Services.RemoveAll<IActorProxyFactory>();
        builder.Services.AddSingleton(_ => fabric.Actors.ProxyFactoryFor(appId));
        builder.Services.UseFabricWorkflows(fabric, appId);
        builder.Services.UseFabricInvocation(fabric, appId);

        var app = builder.Build();
        map(app);
        await app.StartAsync();
        await fabric.JoinAsync(appId, app.GetTestServer().CreateHandler(), app.Services);
        return new FabricTestApp(app, appId);
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
