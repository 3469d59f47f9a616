namespace CloudPatterns.EndToEnd.Systems;

/// <summary>
/// The Dapr versions the project is built and checked against: the e2e workflow, the dev container and the README
/// pin these (a test keeps them equal).
/// </summary>
public static class DaprVersions
{
    public const string Cli = "1.18.0";

    public const string Runtime = "1.18.3";
}
