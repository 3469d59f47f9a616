namespace CloudPatterns.Contracts;

/// <summary>The pub/sub component and every topic the system uses. Code refers to these, never to literals.</summary>
public static class Topics
{
    public const string PubSub = "pubsub";

    public const string OrdersSubmitted = "orders.submitted";
    public const string OrdersCreated = "orders.created";
    public const string OrdersProgressed = "orders.progressed";
    public const string InventoryReserved = "inventory.reserved";
    public const string InventoryInsufficient = "inventory.insufficient";
    public const string PaymentsCompleted = "payments.completed";
    public const string PaymentsFailed = "payments.failed";
    public const string PaymentsRefunded = "payments.refunded";
    public const string OrdersConfirmed = "orders.confirmed";
    public const string OrdersRejected = "orders.rejected";
    public const string OrdersCancelled = "orders.cancelled";
    public const string ShipmentsDispatched = "shipments.dispatched";
    public const string ImagesUploaded = "images.uploaded";
    public const string ImagesProcessed = "images.processed";

    /// <summary>Every subscription names this topic as its dead-letter topic.</summary>
    public const string DeadLetters = "deadletters";
}
