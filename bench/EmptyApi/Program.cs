var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/alive", () => Results.Ok());
app.Run();
