using CloudPatterns.ProductService.Catalog;
using CloudPatterns.ProductService.Inventory;
using CloudPatterns.ProductService.IntegrationEvents;
using CloudPatterns.ServiceDefaults.Json;

namespace CloudPatterns.ProductService;

public static class ProductServiceRegistration
{
    public static IHostApplicationBuilder AddProductService(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidation();

        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<CatalogSeeder>();
        services.AddHostedService(sp => sp.GetRequiredService<CatalogSeeder>());

        services.AddOptions<InventoryOptions>().BindConfiguration(InventoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InventoryItems>();
        services.AddSingleton<ReservationStore>();
        services.AddSingleton<ReservationCoordinator>();
        services.AddActors(options =>
        {
            options.Actors.RegisterActor<InventoryItemActor>(InventoryItemActor.TypeName);
            options.UseJsonSerialization = true;
            options.JsonSerializerOptions = JsonDefaults.Options;
        });

        services.AddOrderEventHandlers();
        return builder;
    }
}
