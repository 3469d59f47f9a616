namespace CloudPatterns.EndToEnd.Scenarios;

/// <summary>Every scenario on the in-process fabric, each on a system of its own (its clock is the fabric's fake one).</summary>
public sealed class OnTheFabric : EndToEndScenarios
{
    protected override async Task<SystemLease> StartAsync()
    {
        var system = await FabricSystem.StartAsync();
        return new SystemLease(system, system.DisposeAsync);
    }
}
