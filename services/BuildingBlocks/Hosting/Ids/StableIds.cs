namespace CloudPatterns.Hosting.Ids;

/// <summary>
/// Ids derived from what they identify (SHA-256 of the parts joined by newlines): the same parts give the same
/// id in every process and on every retry, which is what makes redelivered work land on the same record and
/// republished events carry the same event id.
/// </summary>
public static class StableIds
{
    public static byte[] Hash(params string[] parts) => SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));

    public static Guid GuidOf(params string[] parts) => new(Hash(parts).AsSpan(0, 16));

    /// <summary>A prefix and 24 hex digits, e.g. pay_3f2b8a526f0e4a439d6b0c6f.</summary>
    public static string Hex(string prefix, params string[] parts) => prefix + Convert.ToHexStringLower(Hash(parts).AsSpan(0, 12));
}
