using CloudPatterns.ServiceDefaults.State;
using Dapr;
using Dapr.Client;

namespace CloudPatterns.ProductService.Catalog;

/// <summary>
/// Products and the catalog index in product-store. Each write changes a product and the index in one
/// state transaction, guarded by both ETags, so concurrent writers can never lose each other's changes.
/// </summary>
public sealed class CatalogStore(DaprClient dapr)
{
    private const string Store = DaprComponents.ProductStore;
    private const string IndexKey = "catalog-index";
    private const int MaxAttempts = 5;

    /// <summary>Products and the index change together, so they share one partition (see <see cref="StateOperations.Partition"/>).</summary>
    private static readonly IReadOnlyDictionary<string, string> s_partition = StateOperations.Partition("catalog");

    public async Task<(Product? Product, string ETag)> GetAsync(string sku, CancellationToken cancellationToken)
    {
        var (product, etag) = await dapr.GetStateAndETagAsync<Product?>(Store, ProductKey(sku), metadata: s_partition, cancellationToken: cancellationToken);
        return (product, etag);
    }

    public async Task<CatalogIndex> GetIndexAsync(CancellationToken cancellationToken) =>
        await dapr.GetStateAsync<CatalogIndex?>(Store, IndexKey, metadata: s_partition, cancellationToken: cancellationToken) ?? CatalogIndex.Empty;

    /// <summary>Adds a product; false when its SKU is taken.</summary>
    public async Task<bool> TryCreateAsync(Product product, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (index, indexETag) = await GetIndexAndETagAsync(cancellationToken);
            if (index.Contains(product.Sku))
            {
                return false;
            }

            try
            {
                await dapr.ExecuteStateTransactionAsync(Store,
                [
                    StateOperations.Write(ProductKey(product.Sku), product, etag: null),
                    StateOperations.Write(IndexKey, index.With(product.ToSummary()), indexETag),
                ], s_partition, cancellationToken);
                return true;
            }
            catch (DaprException) when (attempt < MaxAttempts)
            {
                // Lost a race if another writer changed the index or created this SKU first: then read
                // again and decide again. Otherwise the store itself failed.
                var (_, currentIndexETag) = await GetIndexAndETagAsync(cancellationToken);
                var (existing, _) = await GetAsync(product.Sku, cancellationToken);
                if (currentIndexETag == indexETag && existing is null)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>Replaces a product if it still has <paramref name="expectedETag"/>.</summary>
    public async Task<WriteResult> TryReplaceAsync(Product product, string expectedETag, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (index, indexETag) = await GetIndexAndETagAsync(cancellationToken);
            try
            {
                await dapr.ExecuteStateTransactionAsync(Store,
                [
                    StateOperations.Write(ProductKey(product.Sku), product, expectedETag),
                    StateOperations.Write(IndexKey, index.With(product.ToSummary()), indexETag),
                ], s_partition, cancellationToken);
                return WriteResult.Written;
            }
            catch (DaprException) when (attempt < MaxAttempts)
            {
                var (current, currentETag) = await GetAsync(product.Sku, cancellationToken);
                if (current is null)
                {
                    return WriteResult.NotFound;
                }

                if (currentETag != expectedETag)
                {
                    return WriteResult.Stale;
                }

                var (_, currentIndexETag) = await GetIndexAndETagAsync(cancellationToken);
                if (currentIndexETag == indexETag)
                {
                    throw;
                }

                // Only the index moved under us: try again.
            }
        }
    }

    private async Task<(CatalogIndex Index, string ETag)> GetIndexAndETagAsync(CancellationToken cancellationToken)
    {
        var (index, etag) = await dapr.GetStateAndETagAsync<CatalogIndex?>(Store, IndexKey, metadata: s_partition, cancellationToken: cancellationToken);
        return (index ?? CatalogIndex.Empty, etag);
    }

    private static string ProductKey(string sku) => $"product:{sku}";
}
