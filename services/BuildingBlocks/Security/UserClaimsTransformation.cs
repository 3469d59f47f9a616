namespace CloudPatterns.Security;

/// <summary>
/// Claims → principal: the user id from <c>oid</c> (Entra ID) or <c>sub</c>, the roles from <c>roles</c>
/// (app roles, as Entra ID and the local tokens name them) under either claim name, and only the roles this
/// system knows. A token without a subject gets no user id, so every policy denies it.
/// Always mapped from the token's own claims: claims of the mapped types (<see cref="UserClaims"/>) that arrive in
/// a token are dropped, never trusted, and a principal mapped before is mapped again from its token's claims.
/// </summary>
public sealed class UserClaimsTransformation : IClaimsTransformation
{
    private const string MappedIdentity = "cloudpatterns";

    private static readonly string[] s_userIdClaims = ["oid", "http://schemas.microsoft.com/identity/claims/objectidentifier", "sub", ClaimTypes.NameIdentifier];
    private static readonly string[] s_roleClaims = ["roles", "role", ClaimTypes.Role];

    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return Task.FromResult(principal);
        }

        var tokenIdentities = principal.Identities
            .Where(i => i.AuthenticationType != MappedIdentity)
            .Select(i => new ClaimsIdentity(i.Claims.Where(c => !IsMapped(c.Type)), i.AuthenticationType, i.NameClaimType, i.RoleClaimType))
            .ToList();
        var tokenClaims = tokenIdentities.SelectMany(i => i.Claims).ToList();

        var mapped = new ClaimsIdentity(MappedIdentity, UserClaims.UserId, UserClaims.Role);
        if (s_userIdClaims.Select(type => tokenClaims.FirstOrDefault(c => IsType(c, type) && !string.IsNullOrWhiteSpace(c.Value))).FirstOrDefault(c => c is not null) is { } userId)
        {
            mapped.AddClaim(new Claim(UserClaims.UserId, userId.Value));
        }

        foreach (var role in tokenClaims.Where(c => s_roleClaims.Any(type => IsType(c, type))).Select(c => c.Value).Where(UserClaims.KnownRoles.Contains).Distinct())
        {
            mapped.AddClaim(new Claim(UserClaims.Role, role));
        }

        var transformed = new ClaimsPrincipal(tokenIdentities);
        transformed.AddIdentity(mapped);
        return Task.FromResult(transformed);
    }

    // Claim types compare case-insensitively wherever ASP.NET Core reads them (FindFirst, HasClaim, RequireClaim).
    private static bool IsMapped(string claimType) =>
        claimType.Equals(UserClaims.UserId, StringComparison.OrdinalIgnoreCase) || claimType.Equals(UserClaims.Role, StringComparison.OrdinalIgnoreCase);

    private static bool IsType(Claim claim, string type) => claim.Type.Equals(type, StringComparison.OrdinalIgnoreCase);
}
