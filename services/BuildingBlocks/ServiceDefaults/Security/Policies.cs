using Microsoft.Extensions.DependencyInjection;

namespace CloudPatterns.ServiceDefaults.Security;

/// <summary>
/// Authorization policies every service uses by name. The hook is in place now; the gateway issue
/// gives it users (validated bearer tokens with the admin / customer app roles). Until then the
/// policies admit any caller that got past the sidecar token.
/// </summary>
public static class Policies
{
    public const string Admin = "admin";

    public static IServiceCollection AddUserAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Admin, policy => policy.RequireAssertion(_ => true));
        return services;
    }
}
