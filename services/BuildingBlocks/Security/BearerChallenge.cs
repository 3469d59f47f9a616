namespace CloudPatterns.Security;

/// <summary>
/// 401 answers that say why (RFC 6750): WWW-Authenticate with error and error_description, and the same in a
/// problem body. Descriptions are fixed texts - nothing from the rejected token is echoed back.
/// </summary>
public static class BearerChallenge
{
    public static async Task WriteAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var noToken = context.AuthenticateFailure is null && !HasBearerToken(context.Request);
        var description = noToken ? "A bearer token is required." : AlgorithmProblem(context) ?? Describe(context.AuthenticateFailure);
        var header = noToken
            ? $"Bearer error_description=\"{description}\""
            : $"Bearer error=\"invalid_token\", error_description=\"{description}\"";

        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = header;
        await Results.Problem(title: "Not authenticated.", detail: description, statusCode: StatusCodes.Status401Unauthorized)
            .ExecuteAsync(context.HttpContext);
    }

    public static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenNoExpirationException => "The token has no expiry.",
        SecurityTokenInvalidLifetimeException => "The token lives longer than this API accepts.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not trusted.",
        SecurityTokenInvalidAudienceException => "The token is not for this API (audience).",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted.",
        SecurityTokenSignatureKeyNotFoundException => "The token is signed with an unknown key.",
        SecurityTokenInvalidSignatureException => "The token's signature is missing or invalid.",
        SecurityTokenMalformedException or ArgumentException => "The token is malformed.",
        AggregateException { InnerExceptions.Count: > 0 } many => Describe(many.InnerExceptions[0]),
        _ => "The token is invalid.",
    };

    /// <summary>
    /// The token handler reports an unexpected algorithm as a bad signature; the header says which it was, so
    /// the answer can name the real problem (an unsigned token, or HS/RS confusion).
    /// </summary>
    private static string? AlgorithmProblem(JwtBearerChallengeContext context)
    {
        if (!HasBearerToken(context.Request))
        {
            return null;
        }

        string algorithm;
        try
        {
            algorithm = new JsonWebToken(context.Request.Headers.Authorization.ToString()[7..].Trim()).Alg;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return null;
        }

        var accepted = context.Options.TokenValidationParameters.ValidAlgorithms;
        if (string.IsNullOrEmpty(algorithm) || algorithm.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return "The token is not signed.";
        }

        return accepted is not null && accepted.Any() && !accepted.Contains(algorithm) ? "The token's signing algorithm is not accepted." : null;
    }

    private static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
