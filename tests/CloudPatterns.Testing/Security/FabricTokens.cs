namespace CloudPatterns.Testing.Security;

/// <summary>
/// Local-mode bearer tokens signed with the development key the apps read from the fabric's secret store
/// (components/local/secrets.dev.json), issued at the fabric's current (fake) time.
/// </summary>
public sealed class FabricTokens(DaprTestFabric fabric)
{
    public const string AdminUser = "test-admin";

    public UserAuthenticationOptions Settings { get; } = new();

    public string SigningKey => fabric.Secrets(Settings.SecretStore)[Settings.SigningKeySecret];

    public string For(string userId, params string[] roles) => For(userId, TimeSpan.FromHours(1), roles);

    public string For(string userId, TimeSpan lifetime, params string[] roles) =>
        DevelopmentTokens.Create(SigningKey, Settings, userId, roles, fabric.Time.GetUtcNow(), lifetime);

    public string Customer(string customerId) => For(customerId, UserClaims.CustomerRole);

    public string Admin(string userId = AdminUser) => For(userId, UserClaims.AdminRole);
}
