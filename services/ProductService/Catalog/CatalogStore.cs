namespace CloudPatterns.ProductService.Catalog;

/// <summary>
/// Products and the catalog index in product-store. Each write changes a product and the index in one
/// state transaction, guarded by both ETags, so concurrent writers can never lose each other's changes.
/// </summary>
public sealed class CatalogStore(DaprClient dapr)
{
    private const string Store = DaprComponents.ProductStore;
    private const string IndexKey = "catalog-index";

    /// <summary>Products and the index change together, so they share one partition (see <see cref="StateOperations.Partition"/>).</summary>
    private static readonly IReadOnlyDictionary<string, string> s_partition = StateOperations.Partition("catalog");

    public async Task<(Product? Product, string ETag)> GetAsync(string sku, CancellationToken cancellationToken)
    {
        var (product, etag) = await dapr.ReadStateAsync<Product?>(Store, ProductKey(sku), metadata: s_partition, cancellationToken: cancellationToken);
        return (product, etag);
    }

    public async Task<CatalogIndex> GetIndexAsync(CancellationToken cancellationToken) =>
        (await dapr.ReadStateAsync<CatalogIndex?>(Store, IndexKey, metadata: s_partition, cancellationToken: cancellationToken)).Value ?? CatalogIndex.Empty;

    /// <summary>Adds a product; false when its SKU is taken.</summary>
    public async Task<bool> TryCreateAsync(Product product, CancellationToken cancellationToken)
    {
        var result = await UpdateAsync(product.Sku, (current, _) => current is null
            ? UpdateDecision<Product>.Write(product)
            : UpdateDecision<Product>.Refuse($"SKU {product.Sku} is taken"), cancellationToken);
        result.ValueOrThrow();
        return result.Outcome == UpdateOutcome.Written;
    }

    /// <summary>
    /// Reads the product, lets <paramref name="decide"/> say what it becomes (it sees the ETag, to compare with a
    /// client's If-Match), and writes it with its index entry in one transaction guarded by both ETags (see <see cref="StateUpdate"/>).
    /// </summary>
    public Task<UpdateResult<Product>> UpdateAsync(string sku, Func<Product?, string, UpdateDecision<Product>> decide, CancellationToken cancellationToken) =>
        StateUpdate.RunAsync(ct => GetAsync(sku, ct), decide, TryWriteAsync, cancellationToken);

    private async Task<bool> TryWriteAsync(Product product, string etag, CancellationToken cancellationToken)
    {
        var (index, indexETag) = await GetIndexAndETagAsync(cancellationToken);
        return await StateOperations.TryWriteAsync(
            () => dapr.ExecuteStateTransactionAsync(Store,
            [
                StateOperations.Write(ProductKey(product.Sku), product, etag),
                StateOperations.Write(IndexKey, index.With(product.ToSummary()), indexETag),
            ], s_partition, cancellationToken),
            async () => (await GetAsync(product.Sku, cancellationToken)).ETag != etag || (await GetIndexAndETagAsync(cancellationToken)).ETag != indexETag,
            async () => Same((await GetAsync(product.Sku, cancellationToken)).Product, product));
    }

    /// <summary>The same product, images and all (records compare lists by reference, so by their JSON).</summary>
    private static bool Same(Product? stored, Product written) =>
        stored is not null && JsonSerializer.SerializeToUtf8Bytes(stored, JsonDefaults.Options).AsSpan()
            .SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(written, JsonDefaults.Options));

    private async Task<(CatalogIndex Index, string ETag)> GetIndexAndETagAsync(CancellationToken cancellationToken)
    {
        var (index, etag) = await dapr.ReadStateAsync<CatalogIndex?>(Store, IndexKey, metadata: s_partition, cancellationToken: cancellationToken);
        return (index ?? CatalogIndex.Empty, etag);
    }

    private static string ProductKey(string sku) => $"product:{sku}";
}
