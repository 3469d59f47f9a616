namespace CloudPatterns.ImageProcessor;

public static class ImageProcessorRegistration
{
    public static IHostApplicationBuilder AddImageProcessor(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        var services = builder.Services;
        services.AddOptions<ResizeOptions>().BindConfiguration(ResizeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new ObjectStore(sp.GetRequiredService<DaprClient>(), DaprComponents.Images));
        services.AddSingleton<ResizeWork>();
        services.AddSubscription<ImageUploaded, ResizeOnImageUploaded>();
        return builder;
    }

    /// <summary>The shared pipeline: this app's only endpoints are its subscriptions.</summary>
    public static WebApplication UseImageProcessor(this WebApplication app) => app.UseServiceDefaults();
}
