using CloudPatterns.Contracts;

namespace CloudPatterns.ShippingService.Quotes;

public sealed record ShippingQuote(string Zone, ShippingSpeed Speed, decimal WeightKg, Money Price, int EstimatedDays);
