namespace CloudPatterns.ProductService.Inventory;

/// <summary>Orders' reservations in product-store, each its own record and partition, written with first-write concurrency.</summary>
public sealed class ReservationStore(DaprClient dapr) : PartitionedRecordStore<OrderReservation>(dapr, DaprComponents.ProductStore, "reservation");
