namespace CloudPatterns.EndToEnd.Scenarios;

/// <summary>Starts the real-runtime system once for <see cref="OnRealDapr"/>, or remembers why it cannot (a skip) or did not (a failure).</summary>
public sealed class RealDaprFixture : IAsyncLifetime
{
    private DaprCliSystem? _system;
    private string? _skipReason;
    private ExceptionDispatchInfo? _startFailure;

    public async ValueTask InitializeAsync()
    {
        var options = DaprCliOptions.FromEnvironment(Environment.GetEnvironmentVariable);
        if (options.BaseUrl is null && DaprPrerequisites.MissingHere() is { } missing)
        {
            var reason = $"The real-runtime scenarios need Dapr: {missing}. Or set {DaprCliOptions.BaseUrlVariable} to the gateway of a running system.";
            if (options.RequireDapr)
            {
                _startFailure = ExceptionDispatchInfo.Capture(new InvalidOperationException($"{reason} ({DaprCliOptions.RequireDaprVariable} is true.)"));
            }
            else
            {
                _skipReason = reason;
            }

            return;
        }

        var system = new DaprCliSystem(RunFile.Load(), options, new OsProcessRunner(), new SocketsHttpHandler(), TimeProvider.System);
        try
        {
            await system.StartAsync(TestContext.Current.CancellationToken);
            _system = system;
        }
        catch (Exception ex)
        {
            _startFailure = ExceptionDispatchInfo.Capture(ex);
        }
    }

    /// <summary>The running system; skips the calling test when Dapr is missing, fails it when the system did not start.</summary>
    public ISystemUnderTest System()
    {
        if (_skipReason is not null)
        {
            Assert.Skip(_skipReason);
        }

        _startFailure?.Throw();
        return _system!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }
}
