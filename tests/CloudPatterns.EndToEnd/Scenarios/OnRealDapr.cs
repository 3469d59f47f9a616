
namespace CloudPatterns.EndToEnd.Scenarios;

/// <summary>
/// Every scenario against the real Dapr runtime: one system for them all, started with `dapr run -f .` (or the one
/// CLOUDPATTERNS_E2E_BASE_URL names) before the first and stopped after the last; scenarios run one at a time, since
/// some change what every caller shares (the payment provider's knobs). Without the Dapr CLI or an initialised runtime,
/// each skips saying what it needs.
/// </summary>
public sealed class OnRealDapr(RealDaprFixture fixture) : EndToEndScenarios, IClassFixture<RealDaprFixture>
{
    protected override Task<SystemLease> StartAsync() =>
        Task.FromResult(new SystemLease(fixture.System(), () => ValueTask.CompletedTask));
}
