namespace CloudPatterns.Contracts.Events;

/// <summary>
/// Judges an event like HTTP input: every field, with a message naming it. An event that fails here is dropped
/// to the dead-letter topic with the messages as the reason, so each contract checks all of its fields:
/// ids and texts are bounded, numbers in range, money in the currency's minor units, enums defined.
/// </summary>
public sealed class EventValidation
{
    /// <summary>Ids (orders, customers, SKUs, payments, storage keys) are at most this long.</summary>
    public const int MaxIdLength = 200;

    /// <summary>Words for people (reasons, details, names) are at most this long.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Largest quantity of one SKU an order may carry.</summary>
    public const int MaxQuantity = 10_000;

    private readonly List<ValidationResult> _problems = [];

    private EventValidation(IIntegrationEvent integrationEvent)
    {
        if (integrationEvent.EventId == Guid.Empty)
        {
            Problem(nameof(integrationEvent.EventId), "is required");
        }

        if (integrationEvent.OccurredAt == default)
        {
            Problem(nameof(integrationEvent.OccurredAt), "is required");
        }
    }

    public IReadOnlyList<ValidationResult> Problems => _problems;

    /// <summary>Starts with the envelope every event has: a non-empty event id and when it occurred.</summary>
    public static EventValidation Of(IIntegrationEvent integrationEvent) => new(integrationEvent);

    /// <summary>A required identifier: not blank, no control characters, at most <see cref="MaxIdLength"/> characters.</summary>
    public EventValidation Id(string? value, string field, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Problem(field, "is required") : this;
        }

        return value.Length > MaxIdLength || value.Any(char.IsControl)
            ? Problem(field, $"must be at most {MaxIdLength} printable characters")
            : this;
    }

    /// <summary>Words for people: at most <see cref="MaxTextLength"/> characters; required unless said otherwise.</summary>
    public EventValidation Text(string? value, string field, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Problem(field, "is required") : this;
        }

        return value.Length > MaxTextLength ? Problem(field, $"must be at most {MaxTextLength} characters") : this;
    }

    public EventValidation Range(long value, string field, long min, long max) =>
        value < min || value > max ? Problem(field, $"must be between {min} and {max}") : this;

    public EventValidation Time(DateTimeOffset value, string field) => value == default ? Problem(field, "is required") : this;

    public EventValidation Defined<TEnum>(TEnum value, string field) where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? this : Problem(field, $"must be one of {string.Join(", ", Enum.GetNames<TEnum>())}");

    public EventValidation OneOf(string? value, string field, IReadOnlyCollection<string> allowed) =>
        value is not null && allowed.Contains(value) ? this : Problem(field, $"must be one of {string.Join(", ", allowed)}");

    /// <summary>A supported currency, an amount of at least <paramref name="min"/>, in whole minor units.</summary>
    public EventValidation Money(Money? money, string field, decimal min = 0m)
    {
        if (money is null)
        {
            return Problem(field, "is required");
        }

        if (!Currencies.IsSupported(money.Currency))
        {
            return Problem($"{field}.Currency", $"must be one of {string.Join(", ", Currencies.Supported.Order())}");
        }

        if (money.Amount < min || money.Amount > 1_000_000_000m)
        {
            return Problem($"{field}.Amount", $"must be between {min} and 1000000000");
        }

        return Currencies.IsWholeMinorUnits(money.Amount, money.Currency)
            ? this
            : Problem($"{field}.Amount", $"must be in whole minor units of {money.Currency} ({Currencies.MinorUnitDigits(money.Currency)} decimal places)");
    }

    /// <summary>A list that must hold at least one item, each checked by <paramref name="item"/> with its index in the field name.</summary>
    public EventValidation Each<T>(IReadOnlyList<T>? items, string field, Action<EventValidation, T, string> item, bool required = true)
    {
        if (items is null || items.Count == 0)
        {
            return required ? Problem(field, "must contain at least one item") : this;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                Problem($"{field}[{i}]", "is required");
            }
            else
            {
                item(this, items[i], $"{field}[{i}]");
            }
        }

        return this;
    }

    public EventValidation Lines(IReadOnlyList<OrderLine>? lines, string field = "Lines", bool required = true) =>
        Each(lines, field, (check, line, at) => check.Id(line.Sku, $"{at}.Sku").Range(line.Quantity, $"{at}.Quantity", 1, MaxQuantity), required);

    public EventValidation PricedLines(IReadOnlyList<PricedOrderLine>? lines, string field = "Lines") =>
        Each(lines, field, (check, line, at) => check
            .Id(line.Sku, $"{at}.Sku")
            .Text(line.Name, $"{at}.Name")
            .Range(line.Quantity, $"{at}.Quantity", 1, MaxQuantity)
            .Money(line.UnitPrice, $"{at}.UnitPrice"));

    public EventValidation Shortages(IReadOnlyList<StockShortage>? shortages, string field = "Shortages", bool required = true) =>
        Each(shortages, field, (check, shortage, at) => check
            .Id(shortage.Sku, $"{at}.Sku")
            .Range(shortage.Requested, $"{at}.Requested", 1, MaxQuantity)
            .Range(shortage.Available, $"{at}.Available", 0, int.MaxValue), required);

    public EventValidation Problem(string field, string message)
    {
        _problems.Add(new ValidationResult($"{field} {message}", [field]));
        return this;
    }

    public EventValidation When(bool condition, string field, string message) => condition ? Problem(field, message) : this;
}
