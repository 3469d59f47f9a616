namespace CloudPatterns.Security;

/// <summary>
/// Users' bearer tokens, validated the same way in the gateway and in every service (zero trust: a service
/// does not take a neighbour's word for who the user is). Local mode checks HS256 tokens signed with the
/// development key from the Dapr secret store; EntraId mode is Microsoft.Identity.Web. Either way issuer,
/// audience, a bounded lifetime and signature are required, and only the expected algorithms are accepted, so
/// <c>alg: none</c> and HS/RS confusion are refused.
/// </summary>
public static class UserAuthentication
{
    public static IServiceCollection AddUserAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UserAuthenticationOptions>().BindConfiguration(UserAuthenticationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SecretStoreSigningKeys>();
        services.AddTransient<IClaimsTransformation, UserClaimsTransformation>();

        var settings = configuration.GetSection(UserAuthenticationOptions.Section).Get<UserAuthenticationOptions>() ?? new UserAuthenticationOptions();
        var authentication = services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme);
        if (settings.Mode == AuthenticationMode.EntraId)
        {
            AddEntraId(authentication, services, configuration);
        }
        else
        {
            authentication.AddJwtBearer();
            services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                .Configure<SecretStoreSigningKeys, IOptions<UserAuthenticationOptions>>((options, keys, local) =>
                {
                    options.ConfigurationManager = keys;
                    options.MapInboundClaims = false;
                    options.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidIssuer = local.Value.Issuer,
                        ValidAudience = local.Value.Audience,
                        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                        ValidateIssuer = true,
                        ValidateAudience = true,
                        ValidateLifetime = true,
                        ValidateIssuerSigningKey = true,
                        RequireExpirationTime = true,
                        RequireSignedTokens = true,
                        ClockSkew = local.Value.ClockSkew,
                        NameClaimType = "sub",
                        RoleClaimType = "roles",
                    };
                });
        }

        // Both modes: lifetime on the app's clock and bounded (Authentication:MaxTokenLifetime), and 401s that say why.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).PostConfigure<TimeProvider, IOptions<UserAuthenticationOptions>>((options, time, bounds) =>
        {
            options.TokenValidationParameters.ValidateLifetime = true;
            options.TokenValidationParameters.RequireExpirationTime = true;
            options.TokenValidationParameters.LifetimeValidator = TokenLifetime.Validator(time, bounds.Value.MaxTokenLifetime);
            options.Events ??= new JwtBearerEvents();
            var previous = options.Events.OnChallenge;
            options.Events.OnChallenge = async context =>
            {
                await previous(context);
                if (!context.Handled)
                {
                    await BearerChallenge.WriteAsync(context);
                }
            };
        });
        return services;
    }

    /// <summary>
    /// Microsoft.Identity.Web, in its own method so that Local mode never loads it: compiling a method loads the
    /// assemblies of everything it calls, and Identity.Web with its dependencies cost start-up time and memory an
    /// app in Local mode has no use for (docs/performance.md).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddEntraId(AuthenticationBuilder authentication, IServiceCollection services, IConfiguration configuration)
    {
        authentication.AddMicrosoftIdentityWebApi(configuration, "AzureAd");
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme,
            options => options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256]);
    }
}
