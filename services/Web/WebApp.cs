namespace CloudPatterns.Web;

/// <summary>Names this app's assembly for WebApplicationFactory; every app has one, so tests can host several.</summary>
public sealed class WebApp;
