using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.Contracts.Events;

/// <summary>The resized variants of an upload were written as processed/{width}/{key}.</summary>
[IntegrationEvent(Topics.ImagesProcessed, "cloudpatterns.images.processed.v1")]
public sealed record ImageProcessed(
    Guid EventId, DateTimeOffset OccurredAt, string UploadId, string Sku, IReadOnlyList<ImageVariant> Variants)
    : IIntegrationEvent, IValidatableObject
{
    public string CorrelationId => UploadId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        EventValidation.Envelope(this)
            .Concat(EventValidation.Required(UploadId, nameof(UploadId)))
            .Concat(EventValidation.Required(Sku, nameof(Sku)))
            .Concat(Variants is { Count: > 0 } ? [] : [EventValidation.Problem(nameof(Variants), "must contain at least one variant")]);
}
