namespace CloudPatterns.Gateway.Security;

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
