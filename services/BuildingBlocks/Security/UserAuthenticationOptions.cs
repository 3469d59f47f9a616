namespace CloudPatterns.Security;

/// <summary>
/// How users' bearer tokens are validated - the same settings in the gateway and in every service, so a
/// service trusts a user only as far as it can check the token itself.
/// </summary>
public sealed class UserAuthenticationOptions
{
    public const string Section = "Authentication";

    /// <summary>Local: tokens signed with the development key from the Dapr secret store. EntraId: Microsoft Entra ID (section AzureAd).</summary>
    public AuthenticationMode Mode { get; set; } = AuthenticationMode.Local;

    [Required]
    public string Issuer { get; set; } = "cloudpatterns-local";

    [Required]
    public string Audience { get; set; } = "cloudpatterns-api";

    /// <summary>The secret (in <see cref="SecretStore"/>) that holds the local signing key, at least 32 bytes.</summary>
    [Required]
    public string SigningKeySecret { get; set; } = "jwt-signing-key";

    [Required]
    public string SecretStore { get; set; } = "secretstore";

    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a token may live: from its iat or nbf (the earlier) to its exp, and from now to its exp. A stolen
    /// token is useful for at most this long. Entra ID access tokens live 60-90 minutes; POST /dev/token mints up to 24 h.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Local mode: the least time between two reads of the signing key from the secret store. A token naming a key
    /// we do not hold asks for a reload; without this bound anyone could make every request re-read the store.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SigningKeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
}
