namespace CloudPatterns.ShippingService.Quotes;

public enum ShippingSpeed
{
    Standard,
    Express,
}
