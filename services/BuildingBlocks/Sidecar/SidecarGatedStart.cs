namespace CloudPatterns.Sidecar;

/// <summary>
/// Starts the hosted services that talk to the sidecar from the moment they run (Dapr's workflow worker) only once
/// the sidecar answers. Started without one, the worker would dial it every five seconds and log two stack traces
/// each time; this waits quietly instead, asking again after 1 s, 2 s, 4 s ... up to every 30 s.
/// </summary>
public sealed class SidecarGatedStart(
    SidecarHealth sidecar, IEnumerable<DeferredHostedService> deferred, IServiceProvider services, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    private readonly List<IHostedService> _started = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = FirstWait;
        while (!await sidecar.AnswersAsync(stoppingToken))
        {
            await Task.Delay(wait, time, stoppingToken);
            wait = WaitAfter(wait);
        }

        foreach (var service in deferred)
        {
            var started = service.Create(services);
            await started.StartAsync(stoppingToken);
            _started.Add(started);
        }
    }

    /// <summary>Each wait is twice the last, up to <see cref="LongestWait"/>.</summary>
    public static TimeSpan WaitAfter(TimeSpan wait) => wait * 2 < LongestWait ? wait * 2 : LongestWait;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var started in Enumerable.Reverse(_started))
        {
            await started.StopAsync(cancellationToken);
        }
    }
}

/// <summary>A hosted service's registration, taken out of the host's start-up and handed to <see cref="SidecarGatedStart"/>.</summary>
public sealed record DeferredHostedService(ServiceDescriptor Registration)
{
    public IHostedService Create(IServiceProvider services) => (IHostedService)(
        Registration.ImplementationInstance
        ?? Registration.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, Registration.ImplementationType!));
}
