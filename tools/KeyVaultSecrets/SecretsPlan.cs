namespace CloudPatterns.KeyVaultSecrets;

/// <summary>infra/secrets.json: every secret an app reads, and where a missing one's value comes from.</summary>
public sealed record SecretsPlan(IReadOnlyList<PlannedSecret> Secrets)
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static SecretsPlan Load(string path) =>
        JsonSerializer.Deserialize<SecretsPlan>(File.ReadAllText(path), s_options)
        ?? throw new InvalidDataException($"{path} holds no secrets plan.");
}

/// <summary>A secret, the apps that read it, and how to fill it when it is missing.</summary>
public sealed record PlannedSecret(string Name, SecretSource Source, bool Placeholder = false, IReadOnlyList<string>? ReadBy = null, string? Note = null)
{
    /// <summary>Marks a placeholder (the content type), so a later run may replace it and nothing else.</summary>
    public const string PlaceholderContentType = "placeholder";

    /// <summary>The variable that may supply the value: CLOUDPATTERNS_SECRET_ and the name in upper case, dashes as underscores.</summary>
    public string VariableName => "CLOUDPATTERNS_SECRET_" + Name.Replace('-', '_').ToUpperInvariant();
}

public enum SecretSource
{
    /// <summary>This system issues the value: random when missing (or the variable's value if set).</summary>
    Generate,

    /// <summary>Someone else issues the value (a provider's key): only the variable can supply it.</summary>
    Environment,
}
