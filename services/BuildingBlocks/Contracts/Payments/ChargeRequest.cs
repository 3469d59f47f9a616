namespace CloudPatterns.Contracts.Payments;

/// <summary>
/// POST /payments on payment-service. The order id is the idempotency key: repeating the request returns
/// the first result and never charges twice.
/// </summary>
public sealed record ChargeRequest(string OrderId, Money Amount, PaymentMethod Method, string? CustomerId = null);
