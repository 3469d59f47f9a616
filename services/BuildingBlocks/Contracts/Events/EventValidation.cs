using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.Contracts.Events;

/// <summary>Small helpers the event records use to describe what is wrong with a malformed event.</summary>
public static class EventValidation
{
    public static IEnumerable<ValidationResult> Envelope(IIntegrationEvent e)
    {
        if (e.EventId == Guid.Empty)
        {
            yield return Problem(nameof(e.EventId), "is required");
        }

        if (e.OccurredAt == default)
        {
            yield return Problem(nameof(e.OccurredAt), "is required");
        }
    }

    public static IEnumerable<ValidationResult> Required(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return Problem(field, "is required");
        }
    }

    public static IEnumerable<ValidationResult> Lines(IReadOnlyList<OrderLine>? lines, string field = "Lines")
    {
        if (lines is null || lines.Count == 0)
        {
            yield return Problem(field, "must contain at least one line");
            yield break;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is null)
            {
                yield return Problem($"{field}[{i}]", "is required");
                continue;
            }

            foreach (var problem in Required(lines[i].Sku, $"{field}[{i}].Sku"))
            {
                yield return problem;
            }

            if (lines[i].Quantity <= 0)
            {
                yield return Problem($"{field}[{i}].Quantity", "must be positive");
            }
        }
    }

    public static IEnumerable<ValidationResult> Amount(Money? money, string field)
    {
        if (money is null)
        {
            yield return Problem(field, "is required");
        }
        else if (!Currencies.IsSupported(money.Currency))
        {
            yield return Problem($"{field}.Currency", "is not a supported currency");
        }
        else if (money.Amount < 0)
        {
            yield return Problem($"{field}.Amount", "must not be negative");
        }
    }

    public static ValidationResult Problem(string field, string message) => new($"{field} {message}", [field]);
}
