namespace CloudPatterns.Security;

/// <summary>
/// The authorization policies every service and the gateway use by name. Both need a principal the
/// claims transformation accepted: a user id and at least one known app role; anything else is denied.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in customer or admin.</summary>
    public const string User = "user";

    /// <summary>Users with the admin app role.</summary>
    public const string Admin = "admin";

    public static IServiceCollection AddUserAuthorization(this IServiceCollection services, IConfiguration configuration)
    {
        // In Entra ID, a user's token must also carry one of the API's delegated scopes, if any are configured.
        var scopes = configuration.GetSection("AzureAd:Scopes").Get<string[]>() ?? [];
        var entraId = configuration.GetSection(UserAuthenticationOptions.Section).Get<UserAuthenticationOptions>()?.Mode == AuthenticationMode.EntraId;

        services.AddAuthorizationBuilder()
            .AddPolicy(User, policy =>
            {
                policy.RequireAuthenticatedUser().RequireClaim(UserClaims.UserId).RequireClaim(UserClaims.Role);
                if (entraId && scopes.Length > 0)
                {
                    policy.RequireAssertion(context => HasScope(context.User, scopes));
                }
            })
            .AddPolicy(Admin, policy =>
            {
                policy.RequireAuthenticatedUser().RequireClaim(UserClaims.UserId).RequireClaim(UserClaims.Role, UserClaims.AdminRole);
                if (entraId && scopes.Length > 0)
                {
                    policy.RequireAssertion(context => HasScope(context.User, scopes));
                }
            });
        return services;
    }

    private static bool HasScope(System.Security.Claims.ClaimsPrincipal user, string[] scopes) =>
        user.FindAll("scp").Concat(user.FindAll("http://schemas.microsoft.com/identity/claims/scope"))
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Intersect(scopes, StringComparer.Ordinal)
            .Any();
}
