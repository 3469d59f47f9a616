namespace CloudPatterns.Testing.Tests.Workflows;

public sealed class WorkflowRunnerTests
{
    [Fact]
    public async Task AFailingActivityIsRetriedWithBackoffOnTheFakeClock()
    {
        await using var host = await WorkflowHost.StartAsync(flakyFailures: 2);

        var id = await host.StartAsync<RetryingWorkflow>("pay");
        var waitingForFirstRetry = (await host.StateAsync(id)).RuntimeStatus;
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromSeconds(1));
        var waitingForSecondRetry = (await host.StateAsync(id)).RuntimeStatus;
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromSeconds(2));

        var state = await host.StateAsync(id);
        Assert.Equal(WorkflowRuntimeStatus.Running, waitingForFirstRetry);
        Assert.Equal(WorkflowRuntimeStatus.Running, waitingForSecondRetry);
        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("done:pay", state.ReadOutputAs<string>());
        var history = host.Runner.Instance(id).History;
        Assert.Equal(
            ["Activity FlakyActivity", "Timer timer", "Activity FlakyActivity", "Timer timer", "Activity FlakyActivity"],
            history.Select(h => $"{h.Kind} {h.Name}"));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)],
            history.Where(h => h.Kind == WorkflowActionKind.Timer).Select(h => h.CompletedAt!.Value - h.ScheduledAt));
    }

    [Fact]
    public async Task WhenTheAttemptsRunOutTheWorkflowSeesTheActivitysFailure()
    {
        await using var host = await WorkflowHost.StartAsync(flakyFailures: 5);

        var id = await host.StartAsync<RetryingWorkflow>("pay");
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(1));

        Assert.Equal("gave up: the provider did not answer", (await host.StateAsync(id)).ReadOutputAs<string>());
        Assert.Equal(3, host.Journal.Entries.Count);
    }

    [Fact]
    public async Task AnExternalEventRaisedThroughTheClientResumesTheWorkflow()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = await host.StartAsync<ApprovalWorkflow>("order-1");
        var waiting = await host.StateAsync(id);

        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(2));
        await host.Client.RaiseEventAsync(id, "decision", "approved");
        await host.Fabric.WaitForQuietAsync();

        var state = await host.StateAsync(id);
        Assert.Equal("waiting", waiting.ReadCustomStatusAs<Status>()!.Step);
        Assert.Equal("order-1: approved at 09:02", state.ReadOutputAs<string>());
        Assert.Equal("decided", state.ReadCustomStatusAs<Status>()!.Step);
    }

    [Fact]
    public async Task AnExternalEventThatNeverComesTimesOutOnTheFakeClock()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = await host.StartAsync<ApprovalWorkflow>("order-1");

        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(4));
        var beforeTimeout = (await host.StateAsync(id)).RuntimeStatus;
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(WorkflowRuntimeStatus.Running, beforeTimeout);
        Assert.Equal("order-1: timed out at 09:05", (await host.StateAsync(id)).ReadOutputAs<string>());
        Assert.Equal(WorkflowActionStatus.TimedOut, Assert.Single(host.Runner.Instance(id).History).Status);
    }

    [Fact]
    public async Task AnEventRaisedBeforeTheWorkflowWaitsIsKeptForIt()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = await host.StartAsync<TimerWorkflow>("x");

        await host.Client.RaiseEventAsync(id, "Decision", "early");
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromHours(1));

        Assert.Equal(WorkflowRuntimeStatus.Completed, (await host.StateAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task AFailedStepIsCompensatedInReverse()
    {
        await using var host = await WorkflowHost.StartAsync();

        var id = await host.StartAsync<SagaWorkflow>("order-1");

        Assert.Equal("compensated", (await host.StateAsync(id)).ReadOutputAs<string>());
        Assert.Equal(["reserve:order-1", "charge:order-1", "release:order-1"], host.Journal.Entries);
        Assert.Equal(WorkflowActionStatus.Failed, host.Runner.Instance(id).History[1].Status);
        Assert.Equal("System.InvalidOperationException", host.Runner.Instance(id).History[1].Failure!.ErrorType);
    }

    [Fact]
    public async Task ChildWorkflowsRunWithDeterministicOrGivenIdsAndReturnTheirResults()
    {
        await using var host = await WorkflowHost.StartAsync();

        var id = await host.StartAsync<ParentWorkflow>("p", "parent-1");
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromHours(1));
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromHours(1));

        Assert.Equal("P-1+P-2", (await host.StateAsync(id)).ReadOutputAs<string>());
        Assert.NotNull(host.Runner.Find(DeterministicGuid.For("parent-1", 0).ToString()));
        Assert.NotNull(host.Runner.Find("child-two"));
    }

    [Fact]
    public async Task AFailedChildSurfacesInTheParentAsATaskFailure()
    {
        await using var host = await WorkflowHost.StartAsync();

        var id = await host.StartAsync<FailingParentWorkflow>("p");

        Assert.Equal("child failed: Child workflow 'SagaFailingWorkflow' failed", (await host.StateAsync(id)).ReadOutputAs<string>());
        var child = Assert.Single(host.Runner.Instances, i => i.Name == nameof(SagaFailingWorkflow));
        Assert.Equal(WorkflowRuntimeStatus.Failed, child.Status);
        Assert.Equal("Dapr.Workflow.WorkflowTaskFailedException", child.FailureDetails!.ErrorType);
    }

    [Fact]
    public async Task ContinueAsNewRestartsWithTheNewInputAndAFreshHistory()
    {
        await using var host = await WorkflowHost.StartAsync();

        var id = await host.StartAsync<CountdownWorkflow>(3);

        var instance = host.Runner.Instance(id);
        Assert.Equal("lift-off", (await host.StateAsync(id)).ReadOutputAs<string>());
        Assert.Equal(3, instance.Generation);
        Assert.Empty(instance.History);
        Assert.Equal(["echo:tick 3", "echo:tick 2", "echo:tick 1"], host.Journal.Entries);
    }

    [Fact]
    public async Task SchedulingARunningInstanceIdAgainIsRefusedAndAFinishedOneIsReplaced()
    {
        await using var host = await WorkflowHost.StartAsync();
        await host.StartAsync<ApprovalWorkflow>("a", "order-1");

        var refused = await Assert.ThrowsAsync<RpcException>(() => host.Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "order-1", "b"));
        await host.Client.TerminateWorkflowAsync("order-1");
        await host.StartAsync<SagaWorkflow>("c", "order-1");

        Assert.Equal(StatusCode.AlreadyExists, refused.StatusCode);
        Assert.Contains("an active workflow with ID 'order-1' already exists", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("compensated", (await host.StateAsync("order-1")).ReadOutputAs<string>());
    }

    [Fact]
    public async Task ATerminatedWorkflowNeverResumes()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = await host.StartAsync<TimerWorkflow>("x");

        await host.Client.TerminateWorkflowAsync(id, "stopped by operator");
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromHours(2));

        var state = await host.StateAsync(id);
        Assert.Equal(WorkflowRuntimeStatus.Terminated, state.RuntimeStatus);
        Assert.Equal("stopped by operator", state.ReadOutputAs<string>());
        Assert.Empty(host.Journal.Entries);
    }

    [Fact]
    public async Task AMissingInstanceReadsAsNotExisting()
    {
        await using var host = await WorkflowHost.StartAsync();

        var state = await host.StateAsync("nobody");

        Assert.False(state.Exists);
        await Assert.ThrowsAsync<RpcException>(() => host.Client.RaiseEventAsync("nobody", "Decision", "x"));
    }

    [Fact]
    public async Task WaitingForCompletionReturnsOnceTheClockLetsTheWorkflowFinish()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = await host.StartAsync<TimerWorkflow>("x");

        var completion = host.Client.WaitForWorkflowCompletionAsync(id);
        Assert.False(completion.IsCompleted);
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromHours(1));

        Assert.Equal("X", (await completion).ReadOutputAs<string>());
    }

    [Fact]
    public async Task RunningActivitiesTwiceShowsWhichActivitiesRepeatTheirEffects()
    {
        await using var host = await WorkflowHost.StartAsync();
        host.Runner.Options.RunActivitiesTwice = true;

        await host.StartAsync<SagaWorkflow>("order-1");

        Assert.Equal(["reserve:order-1", "reserve:order-1", "charge:order-1", "release:order-1", "release:order-1"], host.Journal.Entries);
    }

    [Fact]
    public async Task NewGuidIsTheSameForTheSameInstanceAndCallOrder() =>
        Assert.Equal(DeterministicGuid.For("order-1", 0), DeterministicGuid.For("order-1", 0));

    private sealed record Status(string Step);
}
