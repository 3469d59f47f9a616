namespace CloudPatterns.Workflows.OrderProcessing.Activities;

/// <summary>Compensation: give back whatever stock the order holds. product-service makes it idempotent.</summary>
public sealed class ReleaseInventoryActivity(IInventoryReservations inventory) : WorkflowActivity<string, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, string input)
    {
        await inventory.ReleaseAsync(input, CancellationToken.None);
        return true;
    }
}
