namespace CloudPatterns.Testing.Bindings;

/// <summary>One output binding invocation, as the app made it.</summary>
public sealed record BindingCall(string AppId, string BindingName, string Operation, byte[] Data, IReadOnlyDictionary<string, string> Metadata);
