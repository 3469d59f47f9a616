namespace CloudPatterns.ImageProcessor.Resizing;

/// <summary>One output: the width asked for, the size it came out at (never larger than the original), and the JPEG.</summary>
public sealed record ResizedImage(int TargetWidth, int Width, int Height, byte[] Jpeg);
