namespace CloudPatterns.Contracts.Events;

/// <summary>Binds an integration event record to its topic and its CloudEvent <c>type</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IntegrationEventAttribute(string topic, string cloudEventType) : Attribute
{
    public string Topic { get; } = topic;

    public string CloudEventType { get; } = cloudEventType;
}
