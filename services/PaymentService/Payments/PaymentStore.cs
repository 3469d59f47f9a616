namespace CloudPatterns.PaymentService.Payments;

/// <summary>Payments in payment-store, each its own record and partition: an insert succeeds once; a change only over the ETag it read.</summary>
public sealed class PaymentStore(DaprClient dapr) : PartitionedRecordStore<PaymentRecord>(dapr, DaprComponents.PaymentStore, "payment");
