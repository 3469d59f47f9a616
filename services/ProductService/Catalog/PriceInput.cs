using System.ComponentModel.DataAnnotations;
using CloudPatterns.Contracts;
using CloudPatterns.ServiceDefaults.Validation;

namespace CloudPatterns.ProductService.Catalog;

public sealed record PriceInput(
    [property: Range(typeof(decimal), "0.01", "1000000")] decimal Amount,
    [property: Required, SupportedCurrency] string Currency)
{
    public Money ToMoney() => new(decimal.Round(Amount, 2), Currency);
}
