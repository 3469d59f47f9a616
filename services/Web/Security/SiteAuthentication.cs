namespace CloudPatterns.Web.Security;

/// <summary>
/// Who is using the site, and the token it calls the API with. The site decides nothing itself: it shows what the
/// API (the gateway and each service, checking the token again) allows, and puts its 401s and 403s into words.
/// <list type="bullet">
/// <item>Local (`dapr run`, tests): the sign-in form asks the gateway's POST /dev/token for a token and keeps it in the
/// authentication cookie, which ASP.NET Core Data Protection encrypts (HttpOnly, SameSite=Lax).</item>
/// <item>EntraId (Azure): Microsoft.Identity.Web signs the user in with OpenID Connect and acquires access tokens for
/// the API (<c>Web:ApiScopes</c>); loaded only in that mode, as the services do.</item>
/// </list>
/// Either way the same <see cref="UserClaimsTransformation"/> the services use turns the claims into user id and roles.
/// </summary>
public static class SiteAuthentication
{
    public const string CookieName = "cloudpatterns.site";
    public const string AdminPolicy = "site-admin";

    public static AuthenticationMode Mode(IConfiguration configuration) =>
        configuration.GetValue<AuthenticationMode?>($"{UserAuthenticationOptions.Section}:Mode") ?? AuthenticationMode.Local;

    public static IServiceCollection AddSiteAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddTransient<IClaimsTransformation, UserClaimsTransformation>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireClaim(UserClaims.Role, UserClaims.AdminRole));

        if (Mode(configuration) == AuthenticationMode.EntraId)
        {
            AddEntraId(services, configuration);
        }
        else
        {
            services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(ConfigureCookie);
            services.AddScoped<IAccessTokenSource, CookieAccessTokens>();
        }

        return services;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = "/signin";
        options.AccessDeniedPath = "/denied";
        // The cookie ends with the token it holds (DevelopmentSignIn sets ExpiresUtc), never later.
        options.SlidingExpiration = false;
    }

    /// <summary>In its own method, so Local mode never loads Microsoft.Identity.Web (as UserAuthentication does in the services).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddEntraId(IServiceCollection services, IConfiguration configuration)
    {
        var scopes = configuration.GetSection("Web:ApiScopes").Get<string[]>() ?? [];
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddMicrosoftIdentityWebApp(configuration, "AzureAd", cookieScheme: CookieAuthenticationDefaults.AuthenticationScheme)
            .EnableTokenAcquisitionToCallDownstreamApi(scopes)
            .AddInMemoryTokenCaches();
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, ConfigureCookie);
        services.AddScoped<IAccessTokenSource>(provider => new EntraAccessTokens(provider.GetRequiredService<ITokenAcquisition>(), scopes));
    }
}
