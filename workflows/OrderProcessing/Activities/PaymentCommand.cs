using CloudPatterns.Contracts;
using CloudPatterns.Contracts.Payments;

namespace CloudPatterns.Workflows.OrderProcessing.Activities;

public sealed record PaymentCommand(string OrderId, Money Amount, PaymentMethod Method, string CustomerId);
