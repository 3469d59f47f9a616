namespace CloudPatterns.Web.Security;

/// <summary>The signed-in user's token for the API, or null for an anonymous visitor.</summary>
public interface IAccessTokenSource
{
    Task<string?> GetAsync(HttpContext context);
}

/// <summary>Local mode: the token POST /dev/token gave at sign-in, kept in the encrypted authentication cookie.</summary>
public sealed class CookieAccessTokens : IAccessTokenSource
{
    public const string TokenName = "access_token";

    public Task<string?> GetAsync(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.GetTokenAsync(TokenName) : Task.FromResult<string?>(null);
}

/// <summary>Entra ID: an access token for the API's scopes, from Microsoft.Identity.Web's token cache (refreshed when due).</summary>
public sealed class EntraAccessTokens(ITokenAcquisition tokens, IReadOnlyList<string> scopes) : IAccessTokenSource
{
    public async Task<string?> GetAsync(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? await tokens.GetAccessTokenForUserAsync(scopes, user: context.User) : null;
}
