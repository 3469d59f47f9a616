namespace CloudPatterns.OrderService.Tests.Hosting;

/// <summary>
/// Started without Dapr, a service says once which sidecar address it tried and how to start the system, answers
/// /health with that reason, stays alive, and keeps the workflow worker from dialling a sidecar that is not there.
/// </summary>
public sealed class StartWithoutSidecarTests
{
    private const string SidecarHealthCategory = "CloudPatterns.Sidecar.SidecarHealth";

    [Fact]
    public async Task WithoutASidecarReadinessSaysWhichAddressWasTriedAndHowToStartTheSystemWhileLivenessHolds()
    {
        var fabric = new DaprTestFabric { SidecarHealthy = false };
        await using var orders = await StartOrderServiceAsync(fabric, new CapturingLoggerProvider(), new FilteredLogs());
        using var probe = orders.CreateClient();

        var readiness = await probe.GetAsync("health");
        var answer = await readiness.Content.ReadFromJsonAsync<HealthEndpoints.HealthAnswer>(JsonDefaults.Options);
        var liveness = await probe.GetAsync("alive");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
        var sidecar = Assert.Single(answer!.Checks, check => check.Name == "dapr-sidecar");
        Assert.Equal("Unhealthy", sidecar.Status);
        Assert.Contains(orders.Services.GetRequiredService<SidecarHealth>().HttpEndpoint, sidecar.Description, StringComparison.Ordinal);
        Assert.Contains("`dapr run -f .`", sidecar.Description, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, liveness.StatusCode);
    }

    [Fact]
    public async Task TheMissingSidecarIsLoggedOnceHoweverOftenItIsProbedAndItsArrivalOnceMore()
    {
        var fabric = new DaprTestFabric { SidecarHealthy = false };
        var everything = new CapturingLoggerProvider();
        var asAConsoleSeesIt = new FilteredLogs();
        await using var orders = await StartOrderServiceAsync(fabric, everything, asAConsoleSeesIt);
        using var probe = orders.CreateClient();

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await probe.GetAsync("health")).StatusCode);
        }

        fabric.SidecarHealthy = true;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("health")).StatusCode);
        }

        var said = everything.Lines.Where(line => line.StartsWith(SidecarHealthCategory, StringComparison.Ordinal)).ToList();
        Assert.Single(said, line => line.Contains("dapr run -f .", StringComparison.Ordinal));
        Assert.Single(said, line => line.Contains("answers", StringComparison.Ordinal) && !line.Contains("dapr run", StringComparison.Ordinal));
        Assert.DoesNotContain(asAConsoleSeesIt.Categories, line => line.StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal));
        Assert.Single(asAConsoleSeesIt.Categories, line => line.StartsWith(SidecarHealthCategory, StringComparison.Ordinal));
    }

    [Fact]
    public void OrderServiceDefersDaprsWorkflowWorkerUntilTheSidecarAnswers()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddOrderService();
        var services = builder.Services;

        var deferred = services.Select(d => d.ImplementationInstance).OfType<DeferredHostedService>().ToList();

        Assert.Contains(deferred, d => d.Registration.ImplementationType?.FullName == "Dapr.Workflow.Worker.WorkflowWorker");
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == typeof(DaprWorkflowClient).Assembly);
        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SidecarGatedStart));
    }

    [Fact]
    public async Task DeferredWorkStartsOnceTheSidecarAnswersAndStopsWithTheApp()
    {
        var fabric = new DaprTestFabric { SidecarHealthy = false };
        var worker = new RecordingHostedService();
        var sidecar = new SidecarHealth(fabric.ClientFor(AppIds.OrderService), new ConfigurationBuilder().Build(), NullLogger<SidecarHealth>.Instance);
        using var services = new ServiceCollection().BuildServiceProvider();
        using var gate = new SidecarGatedStart(sidecar, [new DeferredHostedService(ServiceDescriptor.Singleton<IHostedService>(worker))], services, fabric.Time);

        await gate.StartAsync(CancellationToken.None);
        for (var wait = SidecarGatedStart.FirstWait; wait < SidecarGatedStart.LongestWait; wait = SidecarGatedStart.WaitAfter(wait))
        {
            fabric.Time.Advance(wait);
        }

        var startsWhileSilent = worker.Starts;
        fabric.SidecarHealthy = true;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!worker.Started.Task.IsCompleted && DateTime.UtcNow < deadline)
        {
            // The gate may not be waiting on the clock yet when it moves: move it again until it has asked.
            fabric.Time.Advance(SidecarGatedStart.LongestWait);
            await Task.WhenAny(worker.Started.Task, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }

        await gate.StopAsync(CancellationToken.None);

        Assert.Equal(0, startsWhileSilent);
        Assert.Equal(1, worker.Starts);
        Assert.Equal(1, worker.Stops);
    }

    [Fact]
    public void TheWaitBetweenQuestionsDoublesUpToHalfAMinute()
    {
        var waits = new List<TimeSpan> { SidecarGatedStart.FirstWait };
        while (waits.Count < 8)
        {
            waits.Add(SidecarGatedStart.WaitAfter(waits[^1]));
        }

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], waits.Select(wait => wait.TotalSeconds));
    }

    /// <summary>
    /// <paramref name="everything"/> takes every level of every category; <paramref name="asAConsoleSeesIt"/> only what
    /// the app's log filters let through (the fabric's test settings: warnings and above).
    /// </summary>
    private static Task<DaprAppFactory<OrderServiceApp>> StartOrderServiceAsync(
        DaprTestFabric fabric, CapturingLoggerProvider everything, FilteredLogs asAConsoleSeesIt) =>
        new DaprAppFactory<OrderServiceApp>(fabric, AppIds.OrderService, web => web.ConfigureLogging(logging =>
        {
            CapturingLoggerProvider.CaptureLogs(everything)(logging);
            logging.AddProvider(asAConsoleSeesIt);
        })).StartAsync();

    private sealed class RecordingHostedService : IHostedService
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Starts { get; private set; }

        public int Stops { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Starts++;
            Started.TrySetResult();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stops++;
            return Task.CompletedTask;
        }
    }

    /// <summary>The category of each entry the app's filters let through, as any provider without rules of its own sees them.</summary>
    private sealed class FilteredLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Categories { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(FilteredLogs provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Categories.Enqueue(category);
        }
    }
}
