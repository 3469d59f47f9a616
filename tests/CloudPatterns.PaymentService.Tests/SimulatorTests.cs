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
}
