namespace CloudPatterns.Bench;

/// <summary>
/// One bar per goal: the measured ratio divided by its limit, so 1.0 is the goal for all of them. Bars of "at most"
/// goals are green at or below 1, bars of "at least" goals at or above 1; a red bar misses.
/// </summary>
public static class Chart
{
    public static void Draw(BenchResults results, string path)
    {
        const int rowHeight = 26, labelWidth = 430, barWidth = 520, top = 50;
        var goals = results.Goals;
        var height = top + (goals.Count * rowHeight) + 40;
        using var surface = SKSurface.Create(new SKImageInfo(labelWidth + barWidth + 90, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 14);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var met = new SKPaint { Color = new SKColor(0x2e, 0x9e, 0x55) };
        using var missed = new SKPaint { Color = new SKColor(0xd0, 0x3b, 0x3b) };
        using var line = new SKPaint { Color = SKColors.Black, StrokeWidth = 2 };
        var scale = Math.Max(2.0, goals.Max(g => g.Measured / g.Limit) * 1.05);
        canvas.DrawText($"issue 14 goals: measured / limit (1 = the goal; ≤ goals want short bars, ≥ goals long) - {results.Machine.At:yyyy-MM-dd HH:mm} UTC",
            10, 24, SKTextAlign.Left, font, ink);
        for (var i = 0; i < goals.Count; i++)
        {
            var goal = goals[i];
            var y = top + (i * rowHeight);
            var value = goal.Measured / goal.Limit;
            canvas.DrawText($"{goal.Name} ({(goal.AtMost ? "≤" : "≥")} {goal.Limit:0.0#})", 10, y + 17, SKTextAlign.Left, font, ink);
            canvas.DrawRect(labelWidth, y + 4, (float)(value / scale * barWidth), rowHeight - 8, goal.Met ? met : missed);
            canvas.DrawText($"{goal.Measured:0.00}", labelWidth + (float)(value / scale * barWidth) + 6, y + 17, SKTextAlign.Left, font, ink);
        }

        var one = labelWidth + (float)(1 / scale * barWidth);
        canvas.DrawLine(one, top - 4, one, top + (goals.Count * rowHeight), line);
        canvas.DrawText("goal", one - 14, top + (goals.Count * rowHeight) + 20, SKTextAlign.Left, font, ink);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }
}
