using CloudPatterns.ProductService;
using CloudPatterns.ProductService.Catalog;
using CloudPatterns.ProductService.Inventory;
using CloudPatterns.ProductService.IntegrationEvents;
using CloudPatterns.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddProductService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapCatalogApi();
app.MapInventoryApi();
if (InventoryOptions.HostsActors(app.Configuration))
{
    app.MapOrderEventSubscriptions();
    app.MapActorsHandlers();
}

app.Run();
