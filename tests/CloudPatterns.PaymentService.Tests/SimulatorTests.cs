namespace CloudPatterns.PaymentService.Tests;

public sealed class SimulatorTests
{
    [Fact]
    public async Task TheKnobsSetAtRunTimeAreTheOnesItReports()
    {
        await using var host = await PaymentHost.StartAsync();
        using var simulator = host.Provider.CreateClient();

        using var put = await simulator.PutAsJsonAsync("simulator/settings", new Knobs(0.5, TimeSpan.FromMilliseconds(200), FailNext: 2));
        var reported = await simulator.GetFromJsonAsync<Knobs>("simulator/settings");

        put.EnsureSuccessStatusCode();
        Assert.Equal(new Knobs(0.5, TimeSpan.FromMilliseconds(200), FailNext: 2), reported);
    }

    /// <summary>Azure Container Apps probes every app at /alive (startup, liveness) and /health (readiness): unanswered, it restarts the simulator for ever.</summary>
    [Theory]
    [InlineData("/alive")]
    [InlineData("/health")]
    public async Task TheSimulatorAnswersTheProbesItIsDeployedWith(string path)
    {
        await using var host = await PaymentHost.StartAsync();
        using var simulator = host.Provider.CreateClient();

        using var response = await simulator.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"path: '{path}'", await File.ReadAllTextAsync(RepositoryPaths.Combine("infra", "bicep", "modules", "container-app.bicep")), StringComparison.Ordinal);
    }
}
