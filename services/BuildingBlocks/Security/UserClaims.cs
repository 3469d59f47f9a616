namespace CloudPatterns.Security;

/// <summary>
/// The guide's custom authorizer as claims: whatever issued the token (the local key or Entra ID), a valid
/// caller ends up with one user id and the app roles it holds, under these claim types.
/// </summary>
public static class UserClaims
{
    public const string UserId = "cloudpatterns/user-id";
    public const string Role = "cloudpatterns/role";

    public const string AdminRole = "admin";
    public const string CustomerRole = "customer";

    public static readonly IReadOnlySet<string> KnownRoles = new HashSet<string>(StringComparer.Ordinal) { AdminRole, CustomerRole };

    public static string? GetUserId(this ClaimsPrincipal user) => user.FindFirst(UserId)?.Value;

    public static bool IsAdmin(this ClaimsPrincipal user) => user.HasClaim(Role, AdminRole);

    /// <summary>The user is this customer, or an admin acting for anyone.</summary>
    public static bool MayActFor(this ClaimsPrincipal user, string? customerId) =>
        user.IsAdmin() || (customerId is not null && string.Equals(user.GetUserId(), customerId, StringComparison.Ordinal));
}
