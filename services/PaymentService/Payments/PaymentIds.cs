using System.Security.Cryptography;
using System.Text;

namespace CloudPatterns.PaymentService.Payments;

/// <summary>An order has one payment, so the payment id is derived from the order id: every retry lands on the same record.</summary>
public static class PaymentIds
{
    public static string ForOrder(string orderId) =>
        "pay_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(orderId)).AsSpan(0, 12));
}
