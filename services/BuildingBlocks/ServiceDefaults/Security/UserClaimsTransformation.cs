using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace CloudPatterns.ServiceDefaults.Security;

/// <summary>
/// Claims → principal: the user id from <c>oid</c> (Entra ID) or <c>sub</c>, the roles from <c>roles</c>
/// (app roles, as Entra ID and the local tokens name them) under either claim name, and only the roles this
/// system knows. A token without a subject gets no user id, so every policy denies it.
/// </summary>
public sealed class UserClaimsTransformation : IClaimsTransformation
{
    private static readonly string[] s_userIdClaims = ["oid", "http://schemas.microsoft.com/identity/claims/objectidentifier", "sub", ClaimTypes.NameIdentifier];
    private static readonly string[] s_roleClaims = ["roles", "role", ClaimTypes.Role];

    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.HasClaim(c => c.Type == UserClaims.UserId))
        {
            return Task.FromResult(principal);
        }

        var identity = new ClaimsIdentity("cloudpatterns", UserClaims.UserId, UserClaims.Role);
        if (s_userIdClaims.Select(principal.FindFirst).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c?.Value)) is { } userId)
        {
            identity.AddClaim(new Claim(UserClaims.UserId, userId.Value));
        }

        foreach (var role in principal.Claims.Where(c => s_roleClaims.Contains(c.Type)).Select(c => c.Value).Where(UserClaims.KnownRoles.Contains).Distinct())
        {
            identity.AddClaim(new Claim(UserClaims.Role, role));
        }

        var transformed = principal.Clone();
        transformed.AddIdentity(identity);
        return Task.FromResult(transformed);
    }
}
