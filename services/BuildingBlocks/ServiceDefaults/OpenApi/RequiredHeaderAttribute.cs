namespace CloudPatterns.ServiceDefaults.OpenApi;

/// <summary>
/// For the API document only: the handler refuses a request without this header, in its own words (the parameter
/// stays nullable so that it can), and the document marks the header required.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequiredHeaderAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
