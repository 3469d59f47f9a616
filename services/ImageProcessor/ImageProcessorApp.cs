namespace CloudPatterns.ImageProcessor;

/// <summary>Names this app's assembly for WebApplicationFactory; every service has one, so tests can host several.</summary>
public sealed class ImageProcessorApp;
