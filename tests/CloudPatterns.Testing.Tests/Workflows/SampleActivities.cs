namespace CloudPatterns.Testing.Tests.Workflows;

/// <summary>What the sample activities did, in order, so tests can see compensation and repeats.</summary>
public sealed class ActivityJournal
{
    public ConcurrentQueue<string> Entries { get; } = new();

    /// <summary>How many more calls to "flaky" should fail.</summary>
    public int FlakyFailuresLeft { get; set; }
}

public sealed class EchoActivity(ActivityJournal journal) : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string input)
    {
        journal.Entries.Enqueue($"echo:{input}");
        return Task.FromResult(input.ToUpperInvariant());
    }
}

public sealed class FlakyActivity(ActivityJournal journal) : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string input)
    {
        journal.Entries.Enqueue($"flaky:{input}");
        if (journal.FlakyFailuresLeft > 0)
        {
            journal.FlakyFailuresLeft--;
            throw new TimeoutException("the provider did not answer");
        }

        return Task.FromResult($"done:{input}");
    }
}

public sealed class ReserveActivity(ActivityJournal journal) : WorkflowActivity<string, bool>
{
    public override Task<bool> RunAsync(WorkflowActivityContext context, string input)
    {
        journal.Entries.Enqueue($"reserve:{input}");
        return Task.FromResult(true);
    }
}

public sealed class ChargeActivity(ActivityJournal journal) : WorkflowActivity<string, bool>
{
    public override Task<bool> RunAsync(WorkflowActivityContext context, string input)
    {
        journal.Entries.Enqueue($"charge:{input}");
        throw new InvalidOperationException("card declined");
    }
}

public sealed class ReleaseActivity(ActivityJournal journal) : WorkflowActivity<string, bool>
{
    public override Task<bool> RunAsync(WorkflowActivityContext context, string input)
    {
        journal.Entries.Enqueue($"release:{input}");
        return Task.FromResult(true);
    }
}
