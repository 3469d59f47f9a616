namespace CloudPatterns.ImageProcessor;

/// <summary>The Dapr components this app uses. Each must exist and be scoped to image-processor (checked by the configuration tests).</summary>
public static class DaprComponents
{
    public const string PubSub = Topics.PubSub;

    /// <summary>Object storage through an output binding: local files, Azure Blob Storage or S3.</summary>
    public const string Images = "images";

    /// <summary>Receipts of finished uploads: a state get answers "none yet" without an error, unlike a binding get.</summary>
    public const string Store = "image-processor-store";
}
