namespace CloudPatterns.EndToEnd.SystemTests;

/// <summary>Starting, waiting for and stopping the real-runtime system, against fake processes, fake apps and a fake clock.</summary>
public sealed class DaprCliSystemTests : IDisposable
{
    private const int Gateway = 5100;
    private const int Orders = 5102;

    private readonly DirectoryInfo _repository = Directory.CreateTempSubdirectory("e2e-runfile-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeProcessRunner _processes = new();
    private readonly FakeApps _apps;
    private readonly DateTimeOffset _started;

    public DaprCliSystemTests()
    {
        _apps = new FakeApps(_time);
        _started = _time.GetUtcNow();
        File.WriteAllText(Path.Combine(_repository.FullName, "dapr.yaml"), """
            version: 1
            apps:
              - appID: gateway
                appDirPath: ./services/Gateway/
                appPort: 5100
                daprHTTPPort: 3600
                env:
                  Gateway__DevelopmentTokens: "true"
              - appID: order-service
                appDirPath: ./services/OrderService/
                appPort: 5102
                daprHTTPPort: 3602
            """);
    }

    [Fact]
    public async Task StartBuildsThenRunsDaprRunFromTheRunFilesFolderAndReturnsOnceEveryAppAnswersHealth()
    {
        _apps.HealthyFrom(Gateway, _started);
        _apps.HealthyFrom(Orders, _started.AddSeconds(40));
        await using var system = System();

        await DriveAsync(system.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal(["dotnet build CloudPatterns.sln", "dapr run -f ."], _processes.Started.Select(s => s.ToString()));
        Assert.All(_processes.Started, s => Assert.Equal(_repository.FullName, s.WorkingDirectory));
        Assert.InRange(_time.GetUtcNow() - _started, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(45));
        Assert.False(_processes.Run!.HasExited);
        Assert.Contains(new Uri("http://localhost:5102/health"), _apps.Probed);
    }

    [Fact]
    public async Task AnAppNeverHealthyFailsTheStartAtTheDeadlineNamingItAndItsLogsAndStopsTheRun()
    {
        _apps.HealthyFrom(Gateway, _started);
        await using var system = System();

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => DriveAsync(system.StartAsync(TestContext.Current.CancellationToken)));

        Assert.StartsWith("order-service did not answer /health within 300 s", failure.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("services", "OrderService", ".dapr", "logs"), failure.Message, StringComparison.Ordinal);
        Assert.InRange(_time.GetUtcNow() - _started, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5).Add(TimeSpan.FromSeconds(40)));
        Assert.Equal("dapr stop -f .", _processes.Started[^1].ToString());
        Assert.True(_processes.Run!.HasExited);
        Assert.True(_processes.Run.Disposed);
    }

    [Fact]
    public async Task WhenDaprRunEndsBeforeTheAppsAreHealthyTheStartFailsWithItsExitCodeAndOutput()
    {
        await using var system = System();
        var starting = system.StartAsync(TestContext.Current.CancellationToken);
        _processes.Run!.Output = "❌  Error starting Dapr and app (\"gateway\"): daprd not found";
        _processes.Run.Exit(1);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => DriveAsync(starting));

        Assert.Contains("`dapr run -f .` exited with code 1 before gateway, order-service answered /health", failure.Message, StringComparison.Ordinal);
        Assert.Contains("daprd not found", failure.Message, StringComparison.Ordinal);
        Assert.InRange(_time.GetUtcNow() - _started, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task AFailedBuildEndsTheStartBeforeDaprRunWithTheBuildsOutput()
    {
        _processes.Results["dotnet build"] = new ProcessResult(1, "error CS1002: ; expected");
        await using var system = System();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => system.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("`dotnet build CloudPatterns.sln` failed with exit code 1", failure.Message, StringComparison.Ordinal);
        Assert.Contains("error CS1002", failure.Message, StringComparison.Ordinal);
        Assert.Equal(["dotnet build CloudPatterns.sln"], _processes.Started.Select(s => s.ToString()));
    }

    [Fact]
    public async Task WithoutTheBuildOptionOnlyDaprRunIsStarted()
    {
        _apps.HealthyFrom(Gateway, _started);
        _apps.HealthyFrom(Orders, _started);
        await using var system = System(new DaprCliOptions { Build = false });

        await DriveAsync(system.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal(["dapr run -f ."], _processes.Started.Select(s => s.ToString()));
    }

    [Fact]
    public async Task StoppingRunsDaprStopAndTheRunEndsWithoutBeingKilled()
    {
        _apps.HealthyFrom(Gateway, _started);
        _apps.HealthyFrom(Orders, _started);
        var system = System();
        await DriveAsync(system.StartAsync(TestContext.Current.CancellationToken));

        await DriveAsync(system.DisposeAsync().AsTask());

        Assert.Equal("dapr stop -f .", _processes.Started[^1].ToString());
        Assert.Equal(0, _processes.Run!.ExitCode);
        Assert.False(_processes.Run.Killed);
    }

    [Fact]
    public async Task ARunThatOutlivesDaprStopIsKilledAfterTheStopTimeout()
    {
        _apps.HealthyFrom(Gateway, _started);
        _apps.HealthyFrom(Orders, _started);
        _processes.RunObeysStop = false;
        var system = System();
        await DriveAsync(system.StartAsync(TestContext.Current.CancellationToken));
        var stopping = _time.GetUtcNow();

        await DriveAsync(system.StopAsync(TestContext.Current.CancellationToken));

        Assert.True(_processes.Run!.Killed);
        Assert.InRange(_time.GetUtcNow() - stopping, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(35));
    }

    [Fact]
    public async Task WithABaseUrlNothingIsStartedOrStoppedAndOnlyThatGatewaysHealthIsAwaited()
    {
        _apps.HealthyFrom(8080, _started.AddSeconds(3));
        var system = System(new DaprCliOptions { BaseUrl = new Uri("http://shop.test:8080/") });

        await DriveAsync(system.StartAsync(TestContext.Current.CancellationToken));
        await system.DisposeAsync();

        Assert.Empty(_processes.Started);
        Assert.All(_apps.Probed, uri => Assert.Equal(new Uri("http://shop.test:8080/health"), uri));
        Assert.Equal(new Uri("http://shop.test:8080/"), system.Gateway().BaseAddress);
        Assert.Equal(new Uri("http://localhost:3602/"), system.Sidecar("order-service").BaseAddress);
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("http://localhost:5100", "http://localhost:5100/", true)]
    [InlineData("http://localhost:5100/", "http://localhost:5100/", true)]
    public void OptionsComeFromTheEnvironment(string? baseUrl, string? expected, bool build)
    {
        var options = DaprCliOptions.FromEnvironment(name => name == DaprCliOptions.BaseUrlVariable ? baseUrl : null);

        Assert.Equal(expected, options.BaseUrl?.ToString());
        Assert.Equal(build, options.Build);
        Assert.False(options.RequireDapr);
        Assert.False(DaprCliOptions.FromEnvironment(name => name == DaprCliOptions.BuildVariable ? "false" : null).Build);
        Assert.True(DaprCliOptions.FromEnvironment(name => name == DaprCliOptions.RequireDaprVariable ? "true" : null).RequireDapr);
    }

    public void Dispose() => _repository.Delete(recursive: true);

    private DaprCliSystem System(DaprCliOptions? options = null) =>
        new(RunFile.Load(Path.Combine(_repository.FullName, "dapr.yaml")), options ?? new DaprCliOptions(), _processes, _apps, _time);

    /// <summary>Moves the fake clock a second at a time until <paramref name="task"/> ends (every wait of the system is on that clock).</summary>
    private async Task DriveAsync(Task task)
    {
        for (var second = 0; !task.IsCompleted && second < 3_600; second++)
        {
            await Task.Yield();
            if (!task.IsCompleted)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        await task;
    }
}
