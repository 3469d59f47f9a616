namespace CloudPatterns.Testing.Workflows;

/// <summary>
/// Builds the SDK's WorkflowState for an instance. Its constructor and WorkflowMetadata are internal to
/// Dapr.Workflow, so they are reached by reflection; if an SDK upgrade changes them this fails loudly.
/// </summary>
internal static class WorkflowStates
{
    private static readonly Type s_metadataType = typeof(WorkflowState).Assembly.GetType("Dapr.Workflow.Client.WorkflowMetadata", throwOnError: true)!;

    private static readonly ConstructorInfo s_stateConstructor = typeof(WorkflowState)
        .GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic).Single(c => c.GetParameters().Length == 1);

    public static WorkflowState For(WorkflowInstance? instance, IDaprSerializer serializer, bool getInputsAndOutputs)
    {
        if (instance is null)
        {
            return (WorkflowState)s_stateConstructor.Invoke([null]);
        }

        var metadata = Activator.CreateInstance(s_metadataType, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null,
            [instance.InstanceId, instance.Name, instance.Status, instance.CreatedAt.UtcDateTime, instance.LastUpdatedAt.UtcDateTime, serializer], null)!;
        Set(metadata, "SerializedCustomStatus", instance.SerializedCustomStatus);
        Set(metadata, "FailureDetails", instance.FailureDetails);
        if (getInputsAndOutputs)
        {
            Set(metadata, "SerializedInput", instance.SerializedInput);
            Set(metadata, "SerializedOutput", instance.SerializedOutput);
        }

        return (WorkflowState)s_stateConstructor.Invoke([metadata]);
    }

    private static void Set(object metadata, string property, object? value) =>
        (s_metadataType.GetProperty(property, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new MissingMemberException(s_metadataType.FullName, property)).SetValue(metadata, value);
}
