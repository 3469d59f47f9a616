namespace CloudPatterns.Testing.Workflows;

/// <summary>
/// WorkflowContext.NewGuid as Dapr.Workflow 1.19 computes it: an RFC 4122 version 5 (SHA-1, name-based) UUID
/// of "{instanceId}_{counter}" in a namespace derived from the instance id. The same instance and call
/// order always give the same GUIDs, which is what makes them replay-safe.
/// </summary>
public static class DeterministicGuid
{
    private static readonly Guid s_namespace = Guid.Parse("6f927a2e-9c7e-4a1d-9b8d-7a86f2e7f62f");

    public static Guid For(string instanceId, int counter)
    {
        var instanceNamespace = Guid.TryParse(instanceId, out var parsed) ? parsed : Create(s_namespace, instanceId);
        return Create(instanceNamespace, $"{instanceId}_{counter}");
    }

    private static Guid Create(Guid @namespace, string name)
    {
        var namespaceBytes = @namespace.ToByteArray(bigEndian: true);
        var nameBytes = Encoding.UTF8.GetBytes(name);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 version 5 specifies; this is an identifier, not security
        var hash = SHA1.HashData([.. namespaceBytes, .. nameBytes]);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
