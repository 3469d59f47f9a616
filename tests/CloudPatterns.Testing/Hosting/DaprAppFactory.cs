namespace CloudPatterns.Testing.Hosting;

/// <summary>
/// Hosts one real app (its Program, unchanged) in memory under a Dapr app id, with the fabric standing
/// in for its sidecar: DaprClient, actor proxies and the clock come from the fabric; APP_ID is set, and
/// APP_API_TOKEN when the fabric uses one.
/// </summary>
public class DaprAppFactory<TEntryPoint>(DaprTestFabric fabric, string appId, Action<IWebHostBuilder>? configure = null)
    : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    private Exception? _startupFailure;

    public DaprTestFabric Fabric { get; } = fabric;

    public string AppId { get; } = appId;

    /// <summary>Builds the app and joins it to the fabric (the sidecar reads its subscriptions).</summary>
    public async Task<DaprAppFactory<TEntryPoint>> StartAsync()
    {
        try
        {
            await Fabric.JoinAsync(AppId, Server.CreateHandler(), Services);
        }
        catch (ObjectDisposedException) when (_startupFailure is { } failure)
        {
            // WebApplicationFactory can lose an app's start-up failure to a race (the app disposes its host before the
            // factory reads it) and report the disposed host instead: rethrow what the app threw.
            ExceptionDispatchInfo.Throw(failure);
        }

        return this;
    }

    /// <summary>A client for the app's own port, as the sidecar (or a test acting as it) calls it.</summary>
    public HttpClient CreateSidecarClient() => Fabric.App(AppId).CreateSidecarClient();

    /// <summary>
    /// For tests about behaviour rather than access: an admin user's token (made afresh for each request, so it
    /// stays valid however far a test moves the fake clock), arriving from order-service's sidecar, so every
    /// user-facing and internal endpoint admits it. Access tests use
    /// <see cref="FabricApp.CreateSidecarClient(string?, string?)"/> with the caller they mean.
    /// </summary>
    public HttpClient CreateTrustedClient() => Fabric.App(AppId).CreateSidecarClient(() => Fabric.Tokens.Admin(), "order-service");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("APP_ID", AppId);
        if (Fabric.AppToken is { } token)
        {
            builder.UseSetting("APP_API_TOKEN", token);
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Tests print warnings and errors only; information-level start-up chatter drowns the failures.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        }));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<DaprClient>();
            services.AddSingleton(_ => Fabric.ClientFor(AppId));
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Fabric.Time);
            services.RemoveAll<IActorProxyFactory>();
            services.AddSingleton(_ => Fabric.Actors.ProxyFactoryFor(AppId));
            services.UseFabricWorkflows(Fabric, AppId);
            services.UseFabricInvocation(Fabric, AppId);
            RecordStartupFailures(services);
        });

        configure?.Invoke(builder);
    }

    /// <summary>Keeps what the options validation at start-up (ValidateOnStart) throws, for <see cref="StartAsync"/>.</summary>
    private void RecordStartupFailures(IServiceCollection services)
    {
        if (services.LastOrDefault(d => d.ServiceType == typeof(IStartupValidator)) is not { ImplementationType: { } type } validator)
        {
            return;
        }

        services.Remove(validator);
        services.AddTransient<IStartupValidator>(provider =>
            new RecordingStartupValidator((IStartupValidator)ActivatorUtilities.CreateInstance(provider, type), failure => _startupFailure = failure));
    }

    private sealed class RecordingStartupValidator(IStartupValidator inner, Action<Exception> record) : IStartupValidator
    {
        public void Validate()
        {
            try
            {
                inner.Validate();
            }
            catch (Exception ex)
            {
                record(ex);
                throw;
            }
        }
    }
}
