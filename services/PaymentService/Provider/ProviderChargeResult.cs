namespace CloudPatterns.PaymentService.Provider;

/// <summary>What the provider did with a charge: captured it (with its charge id) or declined it (with a code).</summary>
public sealed record ProviderChargeResult(bool Captured, string ChargeId, string? CardLast4, string? DeclineCode);
