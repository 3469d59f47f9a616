namespace CloudPatterns.Workflows.OrderProcessing.Activities;

/// <summary>
/// Compensation: refund what the order's payment captured, once (payment-service keys it by the order), or
/// nothing if no payment was captured. An outage throws, and the workflow tries again later.
/// </summary>
public sealed class RefundPaymentActivity(IPaymentGateway payments) : WorkflowActivity<RefundCommand, bool>
{
    public override Task<bool> RunAsync(WorkflowActivityContext context, RefundCommand input) =>
        payments.RefundOrderAsync(input.OrderId, input.Reason, input.OrderTotal, CancellationToken.None);
}

/// <summary>
/// Give back whatever the order's payment captured (nothing, if it captured nothing). <see cref="OrderTotal"/>: what an
/// unanswered charge asked for, with which payment-service closes a payment no charge reached.
/// </summary>
public sealed record RefundCommand(string OrderId, string Reason, Money? OrderTotal = null);
