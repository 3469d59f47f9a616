namespace CloudPatterns.ProductService.Images;

/// <summary>What an upload turned out to be, read from its content: type, file extension, size in pixels.</summary>
public sealed record InspectedImage(string ContentType, string Extension, int Width, int Height);
