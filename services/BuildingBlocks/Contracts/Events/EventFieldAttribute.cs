namespace CloudPatterns.Contracts.Events;

/// <summary>
/// A rule for one field of an event, declared on the record's parameter (<c>[property: Id] string OrderId</c>) the way
/// request types declare theirs. Each problem names the field, down to an item's ("Lines[0].Quantity must be between 1
/// and 10000"), because it becomes the reason an admin reads next to the dead letter.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public abstract class EventFieldAttribute : ValidationAttribute
{
    /// <summary>What is wrong with <paramref name="value"/>, each sentence starting with <paramref name="field"/>; none when it is fine.</summary>
    public abstract IEnumerable<string> Problems(object? value, string field);

    protected sealed override ValidationResult? IsValid(object? value, ValidationContext? validationContext)
    {
        var field = validationContext?.MemberName ?? "value";
        var problems = Problems(value, field).ToList();
        return problems.Count == 0 ? ValidationResult.Success : new ValidationResult(string.Join("; ", problems), [field]);
    }
}

/// <summary>Text of a bounded length: not blank unless <see cref="Required"/> is false.</summary>
public abstract class BoundedTextAttribute(int maxLength, bool printable) : EventFieldAttribute
{
    /// <summary>False where the contract lets the field be left out (null or blank).</summary>
    public bool Required { get; set; } = true;

    public override IEnumerable<string> Problems(object? value, string field)
    {
        if (value is not string text || string.IsNullOrWhiteSpace(text))
        {
            return Required ? [$"{field} is required"] : [];
        }

        return text.Length > maxLength || (printable && text.Any(char.IsControl))
            ? [$"{field} must be at most {maxLength} {(printable ? "printable " : "")}characters"]
            : [];
    }
}

/// <summary>An identifier (an order, a customer, a SKU, a storage key): printable, at most <see cref="EventValidation.MaxIdLength"/> characters.</summary>
public sealed class IdAttribute() : BoundedTextAttribute(EventValidation.MaxIdLength, printable: true);

/// <summary>Words for people (a reason, a detail, a name): at most <see cref="EventValidation.MaxTextLength"/> characters.</summary>
public sealed class TextAttribute() : BoundedTextAttribute(EventValidation.MaxTextLength, printable: false);

/// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
public sealed class BetweenAttribute(long min, long max) : EventFieldAttribute
{
    public override IEnumerable<string> Problems(object? value, string field)
    {
        long? number = value switch { int i => i, long l => l, _ => null };
        return number >= min && number <= max ? [] : [$"{field} must be between {min} and {max}"];
    }
}

/// <summary>Exactly <paramref name="count"/> digits (0-9), or nothing where the contract lets the field be left out.</summary>
public sealed class DigitsAttribute(int count) : EventFieldAttribute
{
    public override IEnumerable<string> Problems(object? value, string field) =>
        value is null || (value is string digits && digits.Length == count && digits.All(char.IsAsciiDigit)) ? [] : [$"{field} must be {count} digits"];
}

/// <summary>A moment that must be given (not the default).</summary>
public sealed class TimeAttribute : EventFieldAttribute
{
    public override IEnumerable<string> Problems(object? value, string field) =>
        value is DateTimeOffset time && time != default ? [] : [$"{field} is required"];
}

/// <summary>One of the values named (compared by their text, so an enum is named by its members).</summary>
public sealed class OneOfAttribute(params string[] allowed) : EventFieldAttribute
{
    public override IEnumerable<string> Problems(object? value, string field) =>
        value?.ToString() is { } text && allowed.Contains(text, StringComparer.Ordinal) ? [] : [$"{field} must be one of {string.Join(", ", allowed)}"];
}

/// <summary>One of <see cref="Currencies.Supported"/>.</summary>
public sealed class CurrencyAttribute : EventFieldAttribute
{
    public static string Problem(string field) => $"{field} must be one of {Currencies.Listed}";

    public override IEnumerable<string> Problems(object? value, string field) => Currencies.IsSupported(value as string) ? [] : [Problem(field)];
}

/// <summary>A supported currency, and an amount up to a billion in whole minor units of it: none or more, or at least one if <see cref="Positive"/>.</summary>
public sealed class MoneyAttribute : EventFieldAttribute
{
    /// <summary>At least one minor unit (a payment or a refund takes a cent at the least; a total may be nothing).</summary>
    public bool Positive { get; set; }

    public override IEnumerable<string> Problems(object? value, string field)
    {
        string? problem = value switch
        {
            not Money => $"{field} is required",
            Money money when !Currencies.IsSupported(money.Currency) => CurrencyAttribute.Problem($"{field}.Currency"),
            Money money when Min(money.Currency) is var min && (money.Amount < min || money.Amount > 1_000_000_000m) =>
                $"{field}.Amount must be between {min} and 1000000000",
            Money money when !Currencies.IsWholeMinorUnits(money.Amount, money.Currency) =>
                $"{field}.Amount must be in whole minor units of {money.Currency} ({Currencies.MinorUnitDigits(money.Currency)} decimal places)",
            _ => null,
        };
        return problem is null ? [] : [problem];
    }

    private decimal Min(string currency) => Positive ? Currencies.MinorUnit(currency) : 0m;
}

/// <summary>
/// A list of at least one item (unless <see cref="Required"/> is false), each item judged by the rules declared on its
/// own type, with its index in the field's name.
/// </summary>
public sealed class ItemsAttribute : EventFieldAttribute
{
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, EventFieldAttribute[] Rules)[]> s_rulesByType = new();

    /// <summary>False where the contract lets the list be left out or empty.</summary>
    public bool Required { get; set; } = true;

    public override IEnumerable<string> Problems(object? value, string field)
    {
        if (value is not IList { Count: > 0 } items)
        {
            return Required ? [$"{field} must contain at least one item"] : [];
        }

        return Enumerable.Range(0, items.Count).SelectMany(i => items[i] is { } item
            ? RulesOf(item.GetType()).SelectMany(x => x.Rules.SelectMany(rule => rule.Problems(x.Property.GetValue(item), $"{field}[{i}].{x.Property.Name}")))
            : [$"{field}[{i}] is required"]);
    }

    private static (PropertyInfo Property, EventFieldAttribute[] Rules)[] RulesOf(Type itemType) =>
        s_rulesByType.GetOrAdd(itemType, type => type.GetProperties()
            .Select(p => (p, p.GetCustomAttributes<EventFieldAttribute>().ToArray()))
            .Where(x => x.Item2.Length > 0)
            .ToArray());
}
