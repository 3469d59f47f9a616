namespace CloudPatterns.Web.Security;

/// <summary>
/// Local mode's sign-in: a token for the chosen user and role from the gateway's POST /dev/token (which mints only for
/// callers on its own machine, under `dapr run`), kept in the encrypted authentication cookie until it expires. The
/// cookie's claims say what the site asked for; what the user may do is still decided by the API from the token.
/// </summary>
public sealed class DevelopmentSignIn(PublicApi api, TimeProvider time)
{
    public async Task<ApiProblem?> SignInAsync(HttpContext context, string userId, string role, CancellationToken cancellationToken)
    {
        var token = await api.DevelopmentTokenAsync(userId, role, cancellationToken);
        if (!token.Succeeded)
        {
            return token.Problem;
        }

        var identity = new ClaimsIdentity([new Claim("sub", userId), new Claim("roles", role)], CookieAuthenticationDefaults.AuthenticationScheme, "sub", "roles");
        var properties = new AuthenticationProperties
        {
            IsPersistent = false,
            ExpiresUtc = time.GetUtcNow().AddSeconds(token.Value.ExpiresIn),
        };
        properties.StoreTokens([new AuthenticationToken { Name = CookieAccessTokens.TokenName, Value = token.Value.AccessToken }]);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity), properties);
        return null;
    }
}
