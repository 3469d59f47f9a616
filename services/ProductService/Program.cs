var builder = WebApplication.CreateBuilder(args);
builder.AddProductService();

var app = builder.Build();
app.UseProductService();
app.Run();
