using System.Net;
using System.Text.RegularExpressions;
using CloudPatterns.ServiceDefaults.Problems;
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
public static partial class DevelopmentTokenEndpoint
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

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem>> IssueToken(
        TokenRequest request, DaprClient dapr, IOptions<UserAuthenticationOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.UserId) || !UserId().IsMatch(request.UserId))
        {
            return ProblemResults.Invalid("userId", "must be 1 to 100 letters, digits, '.', '_' or '-'");
        }

        if (request.Roles is not { Length: > 0 } roles || !roles.All(UserClaims.KnownRoles.Contains))
        {
            return ProblemResults.Invalid("roles", $"must name one or more of: {string.Join(", ", UserClaims.KnownRoles.Order(StringComparer.Ordinal))}");
        }

        var minutes = request.LifetimeMinutes ?? 60;
        if (minutes is < 1 or > 24 * 60)
        {
            return ProblemResults.Invalid("lifetimeMinutes", "must be between 1 and 1440");
        }

        var settings = options.Value;
        var secret = await dapr.GetSecretAsync(settings.SecretStore, settings.SigningKeySecret, cancellationToken: cancellationToken);
        var token = DevelopmentTokens.Create(secret[settings.SigningKeySecret], settings, request.UserId, roles, time.GetUtcNow(), TimeSpan.FromMinutes(minutes));
        return TypedResults.Ok(new TokenResponse(token, "Bearer", minutes * 60));
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex UserId();
}

/// <summary>POST /dev/token: who the token is for, their roles (admin, customer), and for how long.</summary>
public sealed record TokenRequest(string UserId, string[] Roles, int? LifetimeMinutes = null);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
