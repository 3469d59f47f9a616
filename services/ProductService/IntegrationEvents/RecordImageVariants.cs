namespace CloudPatterns.ProductService.IntegrationEvents;

/// <summary>images.processed → the product's image is Ready with its variants. Seen again, it changes nothing.</summary>
public sealed class RecordImageVariants(CatalogStore catalog, TimeProvider time) : IIntegrationEventHandler<ImageProcessed>
{
    public async Task<EventOutcome> HandleAsync(ImageProcessed integrationEvent, CancellationToken cancellationToken)
    {
        var result = await catalog.UpdateAsync(integrationEvent.Sku, (product, _) =>
        {
            var image = product?.Images?.FirstOrDefault(i => i.UploadId == integrationEvent.UploadId);
            if (product is null || image is null)
            {
                return UpdateDecision<Product>.Refuse($"product {integrationEvent.Sku} has no upload {integrationEvent.UploadId}");
            }

            var ready = image with { Status = ProductImageStatus.Ready, Variants = integrationEvent.Variants, ProcessedAt = time.GetUtcNow() };
            return image.Status == ProductImageStatus.Ready
                ? UpdateDecision<Product>.Keep()
                : UpdateDecision<Product>.Write(product with { Images = [.. product.Images!.Select(i => i.UploadId == ready.UploadId ? ready : i)] });
        }, cancellationToken);

        return result.Outcome switch
        {
            UpdateOutcome.Refused => EventOutcome.Drop(result.Reason!),
            UpdateOutcome.Exhausted => EventOutcome.Retry($"product {integrationEvent.Sku} kept changing while recording upload {integrationEvent.UploadId}"),
            _ => EventOutcome.Success,
        };
    }
}
