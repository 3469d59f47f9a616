namespace CloudPatterns.Contracts.Events;

/// <summary>
/// Judges an event like HTTP input: every field, with a message naming it. An event that fails here is dropped to the
/// dead-letter topic with the messages as the reason. Each contract declares a rule on every field
/// (<see cref="EventFieldAttribute"/>): ids and texts are bounded, numbers in range, money in the currency's minor units.
/// </summary>
public static class EventValidation
{
    /// <summary>Ids (orders, customers, SKUs, payments, storage keys) are at most this long.</summary>
    public const int MaxIdLength = 200;

    /// <summary>Words for people (reasons, details, names) are at most this long.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Largest quantity of one SKU an order may carry.</summary>
    public const int MaxQuantity = 10_000;

    /// <summary>
    /// The envelope every event has (a non-empty event id, when it occurred), then the rules its fields declare, then the
    /// rules that span fields (<see cref="IValidatableObject"/>, asked only when every field is fine on its own).
    /// </summary>
    public static IReadOnlyList<string> Problems(IIntegrationEvent integrationEvent)
    {
        var problems = new List<string>();
        if (integrationEvent.EventId == Guid.Empty)
        {
            problems.Add($"{nameof(integrationEvent.EventId)} is required");
        }

        if (integrationEvent.OccurredAt == default)
        {
            problems.Add($"{nameof(integrationEvent.OccurredAt)} is required");
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(integrationEvent, new ValidationContext(integrationEvent), results, validateAllProperties: true);
        problems.AddRange(results.Select(r => r.ErrorMessage!));
        return problems;
    }
}
