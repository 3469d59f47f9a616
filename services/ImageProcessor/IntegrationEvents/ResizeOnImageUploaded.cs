namespace CloudPatterns.ImageProcessor.IntegrationEvents;

/// <summary>
/// The guide's function: images.uploaded → read the original → three JPEG widths → processed/{width}/{key} →
/// images.processed. Idempotent: every output key and the event id derive from the upload, so work done
/// twice overwrites the same objects and publishes the same event; a receipt written last (in
/// image-processor-store) spares a finished upload the work when it comes again, and announces its result again
/// (the same event): the upload comes again when product-service never heard the first announcement (it was
/// dead-lettered there) and an admin uploads the file again. An original that is not there, or an image that can
/// never be resized, is dropped with the reason; any other failure is retried.
/// </summary>
public sealed partial class ResizeOnImageUploaded(
    ObjectStore store, DaprClient dapr, ResizeWork work, EventPublisher publisher, TimeProvider time, ILogger<ResizeOnImageUploaded> logger)
    : IIntegrationEventHandler<ImageUploaded>
{
    public async Task<EventOutcome> HandleAsync(ImageUploaded integrationEvent, CancellationToken cancellationToken)
    {
        var receiptKey = ImageKeys.Receipt(integrationEvent.UploadId);
        if ((await dapr.ReadStateAsync<ImageProcessed?>(DaprComponents.Store, receiptKey, cancellationToken: cancellationToken)).Value is { } receipt)
        {
            await publisher.PublishAsync(receipt, cancellationToken);
            return EventOutcome.Success;
        }

        byte[] original;
        try
        {
            original = await store.GetAsync(integrationEvent.Key, cancellationToken);
        }
        catch (ObjectNotFoundException ex)
        {
            LogRefused(logger, integrationEvent.UploadId, ex.Message);
            return EventOutcome.Drop($"upload {integrationEvent.UploadId}: the original {integrationEvent.Key} does not exist");
        }

        IReadOnlyList<ResizedImage> resized;
        try
        {
            resized = await work.ResizeAsync(original, cancellationToken);
        }
        catch (UnusableImageException ex)
        {
            LogRefused(logger, integrationEvent.UploadId, ex.Message);
            return EventOutcome.Drop($"upload {integrationEvent.UploadId}: {ex.Message}");
        }

        var variants = new List<ImageVariant>();
        foreach (var image in resized)
        {
            var key = ImageKeys.Processed(image.TargetWidth, integrationEvent.Key);
            await store.PutAsync(key, image.Jpeg, "image/jpeg", cancellationToken);
            variants.Add(new ImageVariant(image.Width, image.Height, key));
        }

        var processed = new ImageProcessed(EventIdFor(integrationEvent.UploadId), time.GetUtcNow(), integrationEvent.UploadId, integrationEvent.Sku, variants);
        await publisher.PublishAsync(processed, cancellationToken);
        await dapr.SaveStateAsync(DaprComponents.Store, receiptKey, processed, cancellationToken: cancellationToken);
        LogProcessed(logger, integrationEvent.UploadId, variants.Count);
        return EventOutcome.Success;
    }

    /// <summary>One event id per upload, however often it is processed.</summary>
    public static Guid EventIdFor(string uploadId) => StableIds.GuidOf(ImageProcessed.Topic, uploadId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {UploadId} resized into {Count} variants")]
    private static partial void LogProcessed(ILogger logger, string uploadId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {UploadId} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string uploadId, string reason);
}
