namespace CloudPatterns.Testing.Tests.Workflows;

/// <summary>Retries a flaky activity: 3 attempts, 1s then 2s apart.</summary>
public sealed class RetryingWorkflow : Workflow<string, string>
{
    public static readonly WorkflowTaskOptions Retry = new(new WorkflowRetryPolicy(3, TimeSpan.FromSeconds(1), 2.0, null, null));

    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        try
        {
            return await context.CallActivityAsync<string>(nameof(FlakyActivity), input, Retry);
        }
        catch (WorkflowTaskFailedException ex) when (ex.FailureDetails.IsCausedBy<TimeoutException>())
        {
            return $"gave up: {ex.FailureDetails.ErrorMessage}";
        }
    }
}

/// <summary>Waits up to five minutes for a decision, showing its progress as custom status.</summary>
public sealed class ApprovalWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        context.SetCustomStatus(new { step = "waiting" });
        try
        {
            var decision = await context.WaitForExternalEventAsync<string>("Decision", TimeSpan.FromMinutes(5));
            context.SetCustomStatus(new { step = "decided" });
            return $"{input}: {decision} at {context.CurrentUtcDateTime:HH:mm}";
        }
        catch (TaskCanceledException)
        {
            return $"{input}: timed out at {context.CurrentUtcDateTime:HH:mm}";
        }
    }
}

/// <summary>Reserve, then charge; when the charge fails, compensate by releasing.</summary>
public sealed class SagaWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        await context.CallActivityAsync<bool>(nameof(ReserveActivity), input);
        try
        {
            await context.CallActivityAsync<bool>(nameof(ChargeActivity), input);
            return "charged";
        }
        catch (WorkflowTaskFailedException)
        {
            await context.CallActivityAsync<bool>(nameof(ReleaseActivity), input);
            return "compensated";
        }
    }
}

public sealed class ParentWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        var first = await context.CallChildWorkflowAsync<string>(nameof(TimerWorkflow), input + "-1");
        var second = await context.CallChildWorkflowAsync<string>(nameof(TimerWorkflow), input + "-2", new ChildWorkflowTaskOptions("child-two"));
        return $"{first}+{second}";
    }
}

public sealed class FailingParentWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        try
        {
            return await context.CallChildWorkflowAsync<string>(nameof(SagaFailingWorkflow), input);
        }
        catch (WorkflowTaskFailedException ex)
        {
            return $"child failed: {ex.Message}";
        }
    }
}

/// <summary>Fails outright: its exception becomes the workflow's failure.</summary>
public sealed class SagaFailingWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        await context.CallActivityAsync<bool>(nameof(ChargeActivity), input);
        return "unreachable";
    }
}

/// <summary>Sleeps an hour on a durable timer, then echoes.</summary>
public sealed class TimerWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        await context.CreateTimer(TimeSpan.FromHours(1));
        return await context.CallActivityAsync<string>(nameof(EchoActivity), input);
    }
}

/// <summary>Counts down by continuing as new, keeping history short.</summary>
public sealed class CountdownWorkflow : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, int input)
    {
        if (input > 0)
        {
            await context.CallActivityAsync<string>(nameof(EchoActivity), $"tick {input}");
            context.ContinueAsNew(input - 1);
            return "continued";
        }

        return "lift-off";
    }
}

/// <summary>Deterministic: ids and time come from the context.</summary>
public sealed class StampingWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        var id = context.NewGuid();
        return await context.CallActivityAsync<string>(nameof(EchoActivity), $"{input} {id} {context.CurrentUtcDateTime:O}");
    }
}

/// <summary>Not deterministic: reads the wall clock inside workflow code.</summary>
public sealed class WallClockWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input) =>
        await context.CallActivityAsync<string>(nameof(EchoActivity), $"{input} {DateTime.UtcNow:O}");
}

/// <summary>Not deterministic: makes its own random GUID inside workflow code.</summary>
public sealed class RandomGuidWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input) =>
        await context.CallActivityAsync<string>(nameof(EchoActivity), $"{input} {Guid.NewGuid()}");
}

/// <summary>Races two events; the replay must pick the same winner even when both arrived in the end.</summary>
public sealed class RaceWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        var left = context.WaitForExternalEventAsync<string>("left");
        var right = context.WaitForExternalEventAsync<string>("right");
        var winner = await Task.WhenAny(left, right) == left ? "left" : "right";
        await context.CreateTimer(TimeSpan.FromMinutes(1));
        await context.CallActivityAsync<string>(nameof(EchoActivity), winner);
        return winner;
    }
}
