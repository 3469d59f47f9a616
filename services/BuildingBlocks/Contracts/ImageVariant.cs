namespace CloudPatterns.Contracts;

/// <summary>One resized copy of an uploaded image.</summary>
public sealed record ImageVariant([property: Between(1, 100_000)] int Width, [property: Between(1, 100_000)] int Height, [property: Id] string Key);
