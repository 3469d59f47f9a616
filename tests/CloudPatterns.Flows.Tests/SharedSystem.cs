namespace CloudPatterns.Flows.Tests;

/// <summary>
/// One <see cref="SystemHost"/> for every test of a class (an xunit class fixture), for classes whose tests only read,
/// or write under names no other test of the class uses: each test stays independent of the others' order, and the
/// system starts once instead of once per test.
/// </summary>
public sealed class SharedSystem : IAsyncLifetime
{
    public SystemHost System { get; private set; } = null!;

    public async ValueTask InitializeAsync() => System = await SystemHost.StartAsync();

    public ValueTask DisposeAsync() => System.DisposeAsync();
}
