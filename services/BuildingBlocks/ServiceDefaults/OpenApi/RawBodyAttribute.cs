namespace CloudPatterns.ServiceDefaults.OpenApi;

/// <summary>
/// For the API document only: the handler reads the request body itself, as bytes of these media types. Unlike
/// Accepts metadata it does not take part in routing, so a body sent with another Content-Type still reaches the
/// handler (which judges it by its bytes).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RawBodyAttribute(string description, params string[] contentTypes) : Attribute
{
    public string Description { get; } = description;

    public IReadOnlyList<string> ContentTypes { get; } = contentTypes;
}
