using CloudPatterns.Contracts.Payments;
using CloudPatterns.Workflows.OrderProcessing.Ports;
using Dapr.Workflow;

namespace CloudPatterns.Workflows.OrderProcessing.Activities;

/// <summary>Compensation for a payment taken before a cancellation won: refund it in full, once (keyed by order).</summary>
public sealed class RefundPaymentActivity(IPaymentGateway payments) : WorkflowActivity<RefundCommand, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, RefundCommand input)
    {
        await payments.RefundAsync(input.PaymentId, new RefundRequest(null, input.Reason), $"refund:{input.OrderId}", CancellationToken.None);
        return true;
    }
}
