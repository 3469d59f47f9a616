namespace CloudPatterns.ProductService;

public static class ProductServiceRegistration
{
    public static IHostApplicationBuilder AddProductService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults().AddServiceApiDocument();
        var services = builder.Services;
        services.AddValidation();

        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<CatalogSeeder>();
        services.AddHostedService(sp => sp.GetRequiredService<CatalogSeeder>());

        services.AddOptions<ImageOptions>().BindConfiguration(ImageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddKeyedSingleton(DaprComponents.Images, (sp, _) => new ObjectStore(sp.GetRequiredService<DaprClient>(), DaprComponents.Images));
        services.AddScoped<ImageUploads>();

        services.AddOptions<InventoryOptions>().BindConfiguration(InventoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InventoryItems>();
        services.AddSingleton<ReservationStore>();
        services.AddSingleton<ReservationCoordinator>();
        if (InventoryOptions.HostsActors(builder.Configuration))
        {
            services.AddActors(options =>
            {
                options.Actors.RegisterActor<InventoryItemActor>(InventoryItemActor.TypeName);
                options.UseJsonSerialization = true;
                options.JsonSerializerOptions = JsonDefaults.Options;
            });
            services.AddSubscription<OrderCreated, ReserveStockOnOrderCreated>();
            services.AddSubscription<OrderConfirmed, CommitStockOnOrderConfirmed>();
            services.AddSubscription<OrderRejected, ReleaseStock>();
            services.AddSubscription<OrderCancelled, ReleaseStock>();
            services.AddSubscription<ImageProcessed, RecordImageVariants>();
        }
        else
        {
            services.AddSingleton<IActorProxyFactory>(new ActorProxyFactory(new ActorProxyOptions { UseJsonSerialization = true, JsonSerializerOptions = JsonDefaults.Options }));
        }

        return builder;
    }

    /// <summary>The shared pipeline and this app's endpoints.</summary>
    public static WebApplication UseProductService(this WebApplication app)
    {
        app.UseServiceDefaults().MapServiceApiDocument();
        app.MapCatalogApi();
        app.MapInventoryApi();
        app.MapImagesApi();
        if (InventoryOptions.HostsActors(app.Configuration))
        {
            app.MapActorsHandlers();
        }
        return app;
    }
}
