namespace CloudPatterns.Contracts;

/// <summary>One resized copy of an uploaded image.</summary>
public sealed record ImageVariant(int Width, int Height, string Key);
