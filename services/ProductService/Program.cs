var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceApiDocument();
builder.AddProductService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapServiceApiDocument();
app.MapCatalogApi();
app.MapInventoryApi();
app.MapImagesApi();
app.MapSubscriptions();
if (InventoryOptions.HostsActors(app.Configuration))
{
    app.MapActorsHandlers();
}

app.Run();
