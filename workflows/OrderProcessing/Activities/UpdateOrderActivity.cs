namespace CloudPatterns.Workflows.OrderProcessing.Activities;

/// <summary>UpdateOrder: moves the order in order-service's write model and publishes the matching event.</summary>
public sealed class UpdateOrderActivity(IOrderWriteModel writeModel) : WorkflowActivity<OrderUpdate, OrderUpdateResult>
{
    public override Task<OrderUpdateResult> RunAsync(WorkflowActivityContext context, OrderUpdate input) =>
        writeModel.ApplyAsync(input, CancellationToken.None);
}
