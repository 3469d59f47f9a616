using CloudPatterns.Contracts.Events;
using CloudPatterns.ProductService.Catalog;
using CloudPatterns.ProductService.Images;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.ProductService.IntegrationEvents;

/// <summary>images.processed → the product's image is Ready with its variants. Seen again, it changes nothing.</summary>
public sealed class RecordImageVariants(CatalogStore catalog, TimeProvider time) : IIntegrationEventHandler<ImageProcessed>
{
    private const int MaxAttempts = 5;

    public async Task<EventOutcome> HandleAsync(ImageProcessed integrationEvent, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (product, etag) = await catalog.GetAsync(integrationEvent.Sku, cancellationToken);
            var image = product?.Images?.FirstOrDefault(i => i.UploadId == integrationEvent.UploadId);
            if (product is null || image is null)
            {
                return EventOutcome.Drop($"product {integrationEvent.Sku} has no upload {integrationEvent.UploadId}");
            }

            if (image.Status == ProductImageStatus.Ready)
            {
                return EventOutcome.Success;
            }

            var ready = image with { Status = ProductImageStatus.Ready, Variants = integrationEvent.Variants, ProcessedAt = time.GetUtcNow() };
            var updated = product with { Images = [.. product.Images!.Select(i => i.UploadId == ready.UploadId ? ready : i)] };
            if (await catalog.TryReplaceAsync(updated, etag, cancellationToken) == WriteResult.Written)
            {
                return EventOutcome.Success;
            }
        }

        return EventOutcome.Retry($"product {integrationEvent.Sku} kept changing while recording upload {integrationEvent.UploadId}");
    }
}
