using System.Net;
using CloudPatterns.ServiceDefaults.Security;
using Dapr.Client;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CloudPatterns.Gateway.Security;

/// <summary>
/// For `dapr run` and demos: mints a local-mode token for any user and roles, signed with the development key
/// from the Dapr secret store. Mapped only when <see cref="DevelopmentTokenGuard"/> allows it, and answers only
/// callers on the same machine (a gateway bound to every interface still mints nothing for the network).
/// </summary>
public static class DevelopmentTokenEndpoint
{
    public static IEndpointRouteBuilder MapDevelopmentTokenEndpoint(this WebApplication app)
    {
        if (DevelopmentTokenGuard.IsEnabled(app))
        {
            app.MapPost("/dev/token", IssueToken).WithTags("Development").AllowAnonymous().AddEndpointFilter(OnlyFromThisMachine);
        }

        return app;
    }

    private static async ValueTask<object?> OnlyFromThisMachine(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Connection.RemoteIpAddress is { } peer && IPAddress.IsLoopback(peer)
            ? await next(context)
            : Results.Problem(
                title: "Development tokens are issued to this machine only.",
                detail: "Call POST /dev/token from the machine the gateway runs on.",
                statusCode: StatusCodes.Status403Forbidden);

    public static async Task<Ok<TokenResponse>> IssueToken(
        TokenRequest request, DaprClient dapr, IOptions<UserAuthenticationOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var minutes = request.LifetimeMinutes ?? 60;
        var settings = options.Value;
        var secret = await dapr.GetSecretAsync(settings.SecretStore, settings.SigningKeySecret, cancellationToken: cancellationToken);
        var token = DevelopmentTokens.Create(secret[settings.SigningKeySecret], settings, request.UserId, request.Roles, time.GetUtcNow(), TimeSpan.FromMinutes(minutes));
        return TypedResults.Ok(new TokenResponse(token, "Bearer", minutes * 60));
    }
}
