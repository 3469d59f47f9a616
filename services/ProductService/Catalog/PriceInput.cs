using System.ComponentModel.DataAnnotations;
using CloudPatterns.Contracts;
using CloudPatterns.ServiceDefaults.Validation;

namespace CloudPatterns.ProductService.Catalog;

public sealed record PriceInput(
    [property: Range(typeof(decimal), "0.01", "1000000")] decimal Amount,
    [property: Required, SupportedCurrency] string Currency) : IValidatableObject
{
    public Money ToMoney() => new(Amount, Currency);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Currencies.IsSupported(Currency) && !Currencies.IsWholeMinorUnits(Amount, Currency))
        {
            yield return new ValidationResult(
                $"The Amount field must be in whole minor units of {Currency} (at most {Currencies.MinorUnitDigits(Currency)} decimal places).", [nameof(Amount)]);
        }
    }
}
