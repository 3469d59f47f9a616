namespace CloudPatterns.Testing.PubSub;

/// <summary>A routing rule uses CEL the fabric cannot evaluate. Thrown so the test fails instead of misrouting silently.</summary>
public sealed class CelNotSupportedException(string expression, string reason)
    : Exception($"The fabric cannot evaluate the routing rule `{expression}`: {reason}. Extend CelExpression or simplify the rule.");
