namespace CloudPatterns.OrderService.Operations;

/// <summary>
/// Starts an order's workflow (instance id = order id) from the order as recorded. Starting one that runs, or one that
/// completed, is a no-op; one that failed or was terminated is started again under the same id (daprd replaces an
/// ended instance itself: https://github.com/dapr/dapr/blob/v1.18.3/pkg/actors/targets/workflow/orchestrator/create.go#L91-L135)
/// and catches up from the write model (every step is idempotent), which is how an admin retries a stuck order.
/// </summary>
public sealed class OrderWorkflowStarter(IDaprWorkflowClient workflows, IOptions<OrderProcessingOptions> options)
{
    public async Task StartAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        var state = await workflows.GetWorkflowStateAsync(order.OrderId, getInputsAndOutputs: false, cancellationToken);
        if (state.Exists && state.RuntimeStatus is not (WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated))
        {
            return;
        }

        var input = new OrderWorkflowInput(order.OrderId, order.CustomerId, order.Currency, order.Lines, order.Payment, options.Value.InventoryTimeout);
        try
        {
            await workflows.ScheduleNewWorkflowAsync(nameof(OrderProcessingWorkflow), order.OrderId, input, null, cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
            // A concurrent start (a redelivered message, a second click) got there a moment ago. daprd answers
            // AlreadyExists and Dapr.Workflow 1.19.0's client passes the RpcException on unchanged (no catch, no interceptor:
            // https://github.com/dapr/dotnet-sdk/blob/v1.19.0-preview.2/src/Dapr.Workflow/Client/WorkflowGrpcClient.cs#L56).
        }
    }
}
