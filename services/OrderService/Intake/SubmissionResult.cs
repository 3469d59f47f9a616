using CloudPatterns.OrderService.Orders;

namespace CloudPatterns.OrderService.Intake;

/// <summary>What became of a submission: a new order, the order an earlier identical submission created, or a clash.</summary>
public sealed record SubmissionResult(OrderRecord Order, bool Replayed, bool KeyReusedForAnotherRequest);
