using CloudPatterns.ServiceDefaults.Ids;


namespace CloudPatterns.PaymentService.Payments;

/// <summary>An order has one payment, so the payment id is derived from the order id: every retry lands on the same record.</summary>
public static class PaymentIds
{
    public static string ForOrder(string orderId) => StableIds.Hex("pay_", orderId);
}
