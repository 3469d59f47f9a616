namespace CloudPatterns.ProductService.Catalog;

/// <summary>
/// Loads the seed catalog on start-up. Idempotent: a product that exists is left as it is and stock is
/// only set for an inventory item that was never initialised, so restarts never duplicate or reset anything.
/// Runs in the background, waiting for the sidecar and retrying until the catalog is in place.
/// </summary>
public sealed partial class CatalogSeeder(
    CatalogStore store,
    InventoryItems inventory,
    DaprClient dapr,
    TimeProvider time,
    IOptions<CatalogOptions> options,
    ILogger<CatalogSeeder> logger) : BackgroundService
{
    private static readonly TimeSpan s_maxDelay = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource<int> _seeded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the number of products added once seeding is done (0 when there was nothing to add).</summary>
    public Task<int> Seeded => _seeded.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SeedOnStartup)
        {
            _seeded.TrySetResult(0);
            return;
        }

        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dapr.WaitForSidecarAsync(stoppingToken);
                var added = await SeedAsync(stoppingToken);
                LogSeeded(logger, added);
                _seeded.TrySetResult(added);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Actors need the placement service to know this app; until then calls fail. Try again.
                LogRetrying(logger, delay, ex);
                await Task.Delay(delay, time, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, s_maxDelay.Ticks));
            }
        }

        _seeded.TrySetCanceled(stoppingToken);
    }

    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(AppContext.BaseDirectory, options.Value.SeedFile);
        await using var file = File.OpenRead(path);
        var seed = await JsonSerializer.DeserializeAsync<List<SeedProduct>>(file, JsonDefaults.Options, cancellationToken) ?? [];

        var added = 0;
        var now = time.GetUtcNow();
        foreach (var entry in seed)
        {
            var product = new Product(entry.Sku, entry.Name, entry.Description, entry.Category, entry.Price.ToMoney(), Active: true, now, now);
            if (await store.TryCreateAsync(product, cancellationToken))
            {
                added++;
            }

            // Also on a restart after a crash between the two writes: InitializeAsync only acts once per SKU.
            await inventory.For(entry.Sku).InitializeAsync(entry.Stock);
        }

        return added;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog seeded: {Added} products added")]
    private static partial void LogSeeded(ILogger logger, int added);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog seeding failed; retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, TimeSpan delay, Exception exception);
}

/// <summary>One entry of the seed file: a product and the stock it starts with.</summary>
public sealed record SeedProduct(string Sku, string Name, string Description, string Category, PriceInput Price, int Stock);
