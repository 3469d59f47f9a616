namespace CloudPatterns.PaymentProviderSimulator;

/// <summary>POST /v1/tokens: client-side tokenisation, the only place a card number is ever sent.</summary>
public sealed record CardTokenRequest(string Number, int ExpMonth, int ExpYear, string Cvc);

public sealed record CardTokenResponse(string Token, string Last4);

/// <summary>POST /v1/charges. Amount in the currency's major unit.</summary>
public sealed record ProviderChargeRequest(decimal Amount, string Currency, string Source, string Reference);

/// <summary>status is "succeeded" or "declined" (answered with 402).</summary>
public sealed record ProviderCharge(string Id, string Status, decimal Amount, string Currency, string? Last4, string? DeclineCode);

/// <summary>POST /v1/refunds: Amount null refunds what is left of the charge.</summary>
public sealed record ProviderRefundRequest(string Charge, decimal? Amount);

public sealed record ProviderRefund(string Id, string Charge, string Status, decimal Amount);
