namespace CloudPatterns.ProductService.Images;

/// <summary>
/// Takes an image for a product: checks it by content, stores the original through the images binding,
/// records it on the product as Processing, and announces images.uploaded for image-processor. The upload id
/// is a hash of the product and the bytes, so uploading the same file again is the same upload: same key,
/// same record, same event id.
/// </summary>
public sealed class ImageUploads(CatalogStore catalog, [FromKeyedServices(DaprComponents.Images)] ObjectStore images, EventPublisher publisher, TimeProvider time, IOptions<ImageOptions> options)
{

    public async Task<UploadResult> UploadAsync(string sku, byte[] content, CancellationToken cancellationToken)
    {
        var (product, _) = await catalog.GetAsync(sku, cancellationToken);
        if (product is null)
        {
            return new UploadResult(UploadOutcome.NoSuchProduct);
        }

        var (inspected, problem) = ImageInspector.Inspect(content, options.Value.MaxPixels);
        if (inspected is null)
        {
            return new UploadResult(UploadOutcome.Refused, Problem: problem);
        }

        var uploadId = "img_" + Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes(sku + "\n"), .. content]).AsSpan(0, 12));
        var key = $"originals/{sku}/{uploadId}.{inspected.Extension}";
        await images.PutAsync(key, content, inspected.ContentType, cancellationToken);

        var image = await RecordAsync(sku, new ProductImage(uploadId, key, inspected.ContentType, inspected.Width, inspected.Height,
            ProductImageStatus.Processing, [], time.GetUtcNow()), cancellationToken);
        if (image is null)
        {
            return new UploadResult(UploadOutcome.NoSuchProduct);
        }

        if (image.Status == ProductImageStatus.Processing)
        {
            await publisher.PublishAsync(new ImageUploaded(EventIdFor(uploadId), image.UploadedAt, uploadId, sku, key, inspected.ContentType), cancellationToken);
        }

        return new UploadResult(UploadOutcome.Accepted, image);
    }

    /// <summary>One event id per upload, however often the file is sent.</summary>
    public static Guid EventIdFor(string uploadId) => StableIds.GuidOf(ImageUploaded.Topic, uploadId);

    /// <summary>Adds the image to the product unless it is there already; returns it as recorded, or null if the product is gone.</summary>
    private async Task<ProductImage?> RecordAsync(string sku, ProductImage image, CancellationToken cancellationToken)
    {
        var result = await catalog.UpdateAsync(sku, (product, _) => product switch
        {
            null => UpdateDecision<Product>.Refuse($"no product {sku}"),
            _ when product.Images?.Any(i => i.UploadId == image.UploadId) == true => UpdateDecision<Product>.Keep(),
            _ => UpdateDecision<Product>.Write(product with { Images = [.. product.Images ?? [], image], UpdatedAt = image.UploadedAt }),
        }, cancellationToken);
        return result.ValueOrThrow()?.Images?.First(i => i.UploadId == image.UploadId);
    }
}

public enum UploadOutcome
{
    Accepted,
    NoSuchProduct,
    Refused,
}

/// <summary>How an upload went: accepted (with the image as recorded), no such product, or refused with the reason.</summary>
public sealed record UploadResult(UploadOutcome Outcome, ProductImage? Image = null, string? Problem = null);
