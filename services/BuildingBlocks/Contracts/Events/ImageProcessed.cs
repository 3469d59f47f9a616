namespace CloudPatterns.Contracts.Events;

/// <summary>The resized variants of an upload were written as processed/{width}/{key}.</summary>
[IntegrationEvent(ImageProcessed.Topic, "cloudpatterns.images.processed.v1")]
public sealed record ImageProcessed(
    Guid EventId, DateTimeOffset OccurredAt, string UploadId, string Sku, IReadOnlyList<ImageVariant> Variants)
    : IIntegrationEvent, IValidatableObject
{
    public const string Topic = "images.processed";

    public string CorrelationId => UploadId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => EventValidation.Of(this)
        .Id(UploadId, nameof(UploadId))
        .Id(Sku, nameof(Sku))
        .Each(Variants, nameof(Variants), (check, variant, at) => check
            .Range(variant.Width, $"{at}.Width", 1, 100_000)
            .Range(variant.Height, $"{at}.Height", 1, 100_000)
            .Id(variant.Key, $"{at}.Key"))
        .Problems;
}
