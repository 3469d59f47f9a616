var builder = WebApplication.CreateBuilder(args);
builder.AddWeb();

var app = builder.Build();
app.UseWeb();
app.Run();
