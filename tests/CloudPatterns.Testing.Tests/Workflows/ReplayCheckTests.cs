namespace CloudPatterns.Testing.Tests.Workflows;

/// <summary>The replay check: run, then replay the recorded history against the same code.</summary>
public sealed class ReplayCheckTests
{
    [Fact]
    public async Task DeterministicWorkflowsReplayCleanly()
    {
        await using var host = await WorkflowHost.StartAsync(flakyFailures: 1);
        var ids = new[]
        {
            await host.StartAsync<StampingWorkflow>("a"),
            await host.StartAsync<SagaWorkflow>("b"),
            await host.StartAsync<RetryingWorkflow>("c"),
            await host.StartAsync<ApprovalWorkflow>("d"),
        };
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(10));

        var histories = ids.Select(id => string.Join(", ", host.Runner.Instance(id).History.Select(e => e.Signature))).ToList();
        foreach (var id in ids)
        {
            Assert.Equal(WorkflowRuntimeStatus.Completed, host.Runner.Instance(id).Status);
            Assert.Equal(host.Runner.Instance(id).History.Count, await host.Runner.ReplayAsync(id));
        }

        // Four different paths (activities, compensation, retries, an external event), each replayed in full.
        Assert.All(histories, h => Assert.NotEmpty(h));
        Assert.Equal(histories.Count, histories.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task AWorkflowThatReadsTheWallClockFailsTheReplayCheck()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = await host.StartAsync<WallClockWorkflow>("a");

        var error = await Assert.ThrowsAsync<WorkflowNonDeterminismException>(() => host.Runner.ReplayAsync(id));

        Assert.Contains("EchoActivity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWorkflowThatMakesItsOwnGuidsFailsTheReplayCheck()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = await host.StartAsync<RandomGuidWorkflow>("a");

        await Assert.ThrowsAsync<WorkflowNonDeterminismException>(() => host.Runner.ReplayAsync(id));
    }

    [Fact]
    public async Task ARaceIsReplayedWithTheWinnerOfTheLiveRun()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = await host.StartAsync<RaceWorkflow>("a");

        await host.Client.RaiseEventAsync(id, "right", "r");
        await host.Fabric.WaitForQuietAsync();
        await host.Client.RaiseEventAsync(id, "left", "l");
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(1));

        Assert.Equal("right", (await host.StateAsync(id)).ReadOutputAs<string>());
        Assert.Equal(host.Runner.Instance(id).History.Count, await host.Runner.ReplayAsync(id));
    }

    [Fact]
    public async Task AReplayOfAStillRunningWorkflowChecksTheHistorySoFar()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = await host.StartAsync<TimerWorkflow>("a");

        var replayed = await host.Runner.ReplayAsync(id);

        Assert.True(host.Runner.Instance(id).IsRunning);
        Assert.Equal(1, replayed); // the timer it is waiting on
    }
}
