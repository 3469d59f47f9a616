namespace CloudPatterns.Workflows.OrderProcessing;

/// <summary>The steps of the guide's Step Functions state machine, as the workflow reports them.</summary>
public static class WorkflowSteps
{
    public const string ValidateOrder = nameof(ValidateOrder);
    public const string CheckInventory = nameof(CheckInventory);
    public const string ProcessPayment = nameof(ProcessPayment);
    public const string UpdateOrder = nameof(UpdateOrder);
    public const string NotifyCustomer = nameof(NotifyCustomer);
    public const string NotifyOutOfStock = nameof(NotifyOutOfStock);
    public const string Compensating = nameof(Compensating);
}
