namespace CloudPatterns.Security;

/// <summary>
/// Zero trust between a service and its sidecar. When APP_API_TOKEN is set (the same value the sidecar
/// is given), every request must carry it in the <c>dapr-api-token</c> header, which only the sidecar
/// knows; health probes are the only exception. Checked by Dapr.AspNetCore's authentication handler.
/// </summary>
public static class SidecarAuthentication
{
    public const string Scheme = "Dapr";
    public const string TokenVariable = "APP_API_TOKEN";

    public static IServiceCollection AddSidecarAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddDapr(options => options.Token = configuration[TokenVariable] ?? string.Empty);
        return services;
    }

    /// <summary>Marks an endpoint as reachable without the app token.</summary>
    public static TBuilder AllowWithoutSidecarToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SidecarTokenNotRequiredAttribute());

    /// <summary>Place after UseRouting so endpoint metadata is known.</summary>
    public static IApplicationBuilder UseSidecarAuthentication(this IApplicationBuilder app)
    {
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        if (string.IsNullOrEmpty(configuration[TokenVariable]))
        {
            return app;
        }

        return app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<SidecarTokenNotRequiredAttribute>() is null)
            {
                var result = await context.AuthenticateAsync(Scheme);
                if (!result.Succeeded)
                {
                    await Results.Problem(
                            title: "This service only answers its Dapr sidecar.",
                            detail: "The dapr-api-token header is missing or wrong.",
                            statusCode: StatusCodes.Status401Unauthorized)
                        .ExecuteAsync(context);
                    return;
                }
            }

            await next(context);
        });
    }
}
