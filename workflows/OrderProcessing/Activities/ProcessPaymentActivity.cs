namespace CloudPatterns.Workflows.OrderProcessing.Activities;

/// <summary>
/// ProcessPayment: charges through payment-service with the order id as idempotency key, so running this
/// activity again returns the first result. An outage is thrown (the workflow's retry policy retries it);
/// a decline is an answer, not a failure, and is never retried.
/// </summary>
public sealed class ProcessPaymentActivity(IPaymentGateway payments) : WorkflowActivity<PaymentCommand, PaymentOutcome>
{
    public override async Task<PaymentOutcome> RunAsync(WorkflowActivityContext context, PaymentCommand input)
    {
        try
        {
            var payment = await payments.ChargeAsync(new ChargeRequest(input.OrderId, input.Amount, input.Method, input.CustomerId), CancellationToken.None);
            return payment.Status == PaymentStatus.Declined
                ? new PaymentOutcome(false, payment.PaymentId, $"declined: {payment.DeclineReason}")
                : new PaymentOutcome(true, payment.PaymentId, null);
        }
        catch (PaymentRefusedException ex)
        {
            return new PaymentOutcome(false, null, $"refused: {ex.Message}");
        }
    }
}

public sealed record PaymentCommand(string OrderId, Money Amount, PaymentMethod Method, string CustomerId);

/// <summary>Captured, or not and why (declined, or refused by payment-service), with the code the order is rejected with.</summary>
public sealed record PaymentOutcome(bool Captured, string? PaymentId, string? Reason, string RejectionReason = RejectionReasons.PaymentFailed);
