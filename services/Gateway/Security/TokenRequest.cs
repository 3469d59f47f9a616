namespace CloudPatterns.Gateway.Security;

/// <summary>POST /dev/token: who the token is for, their roles (admin, customer), and for how long.</summary>
public sealed record TokenRequest(string UserId, string[] Roles, int? LifetimeMinutes = null);
