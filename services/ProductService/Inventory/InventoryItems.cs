namespace CloudPatterns.ProductService.Inventory;

/// <summary>Proxies to the inventory actors, one per SKU.</summary>
public sealed class InventoryItems(IActorProxyFactory proxies)
{
    private static readonly ActorProxyOptions s_options = new()
    {
        UseJsonSerialization = true,
        JsonSerializerOptions = JsonDefaults.Options,
    };

    public IInventoryItem For(string sku) =>
        proxies.CreateActorProxy<IInventoryItem>(new ActorId(sku), InventoryItemActor.TypeName, s_options);
}
