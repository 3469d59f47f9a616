namespace CloudPatterns.Testing.Tests.Workflows;

/// <summary>An app hosting the sample workflows on a fresh fabric.</summary>
public sealed class WorkflowHost : IAsyncDisposable
{
    private FabricTestApp _app = null!;

    public DaprTestFabric Fabric { get; } = new(new ComponentRegistry()
        .Add(TestComponents.Component("workflow-store", "state.sqlite", ["flows"], ("actorStateStore", "true"))));

    public ActivityJournal Journal { get; } = new();

    public IDaprWorkflowClient Client => _app.Services.GetRequiredService<IDaprWorkflowClient>();

    public WorkflowRunner Runner => Fabric.Workflows("flows");

    /// <summary>Starts the app; its FlakyActivity fails the first <paramref name="flakyFailures"/> times it runs.</summary>
    public static async Task<WorkflowHost> StartAsync(int flakyFailures = 0)
    {
        var host = new WorkflowHost();
        host.Journal.FlakyFailuresLeft = flakyFailures;
        host._app = await FabricTestApp.StartAsync(host.Fabric, "flows", _ => { }, services =>
        {
            services.AddSingleton(host.Journal);
            services.AddDaprWorkflow(options =>
            {
                options.RegisterWorkflow<RetryingWorkflow>();
                options.RegisterWorkflow<ApprovalWorkflow>();
                options.RegisterWorkflow<SagaWorkflow>();
                options.RegisterWorkflow<ParentWorkflow>();
                options.RegisterWorkflow<FailingParentWorkflow>();
                options.RegisterWorkflow<SagaFailingWorkflow>();
                options.RegisterWorkflow<TimerWorkflow>();
                options.RegisterWorkflow<CountdownWorkflow>();
                options.RegisterWorkflow<StampingWorkflow>();
                options.RegisterWorkflow<WallClockWorkflow>();
                options.RegisterWorkflow<RandomGuidWorkflow>();
                options.RegisterWorkflow<RaceWorkflow>();
                options.RegisterActivity<EchoActivity>();
                options.RegisterActivity<FlakyActivity>();
                options.RegisterActivity<ReserveActivity>();
                options.RegisterActivity<ChargeActivity>();
                options.RegisterActivity<ReleaseActivity>();
            });
        });
        return host;
    }

    /// <summary>Starts a workflow and lets it run until it completes or blocks on time or an event.</summary>
    public async Task<string> StartAsync<TWorkflow>(object input, string? instanceId = null)
    {
        var id = await Client.ScheduleNewWorkflowAsync(typeof(TWorkflow).Name, instanceId ?? Guid.NewGuid().ToString("N"), input);
        await Fabric.WaitForQuietAsync();
        return id;
    }

    public async Task<WorkflowState> StateAsync(string instanceId) => await Client.GetWorkflowStateAsync(instanceId);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
