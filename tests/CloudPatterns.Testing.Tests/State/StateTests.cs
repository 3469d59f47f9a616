namespace CloudPatterns.Testing.Tests.State;

/// <summary>Dapr's state API semantics: ETags, first-write concurrency, all-or-nothing transactions, time to live.</summary>
public sealed class StateTests
{
    private static readonly StateOptions s_firstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite };
    private readonly DaprTestFabric _fabric;
    private readonly DaprClient _dapr;

    public StateTests()
    {
        _fabric = new DaprTestFabric(TestComponents.PubSubAndStore("app"));
        _dapr = _fabric.ClientFor("app");
    }

    [Fact]
    public async Task AReadThatDoesNotAskToBeStrongIsNoted()
    {
        await _dapr.GetStateAsync<string>("store", "eventual");
        await _dapr.GetStateAndETagAsync<string>("store", "eventual-too", ConsistencyMode.Eventual);
        await _dapr.GetStateAndETagAsync<string>("store", "strong", ConsistencyMode.Strong);

        Assert.Equal(["app||eventual", "app||eventual-too"], _fabric.StateStore("store").EventualReads);
    }

    [Fact]
    public async Task EveryWriteGetsANewETagAndAMissingKeyHasNone()
    {
        var (_, missing) = await _dapr.GetStateAndETagAsync<string>("store", "k");
        await _dapr.SaveStateAsync("store", "k", "one");
        var (_, first) = await _dapr.GetStateAndETagAsync<string>("store", "k");
        await _dapr.SaveStateAsync("store", "k", "two");
        var (value, second) = await _dapr.GetStateAndETagAsync<string>("store", "k");

        Assert.Equal(string.Empty, missing);
        Assert.NotEqual(first, second);
        Assert.Equal("two", value);
    }

    [Fact]
    public async Task TheFirstWriterWithAnETagWinsAndTheSecondIsRefused()
    {
        await _dapr.SaveStateAsync("store", "k", "original");
        var (_, etag) = await _dapr.GetStateAndETagAsync<string>("store", "k");

        var first = await _dapr.TrySaveStateAsync("store", "k", "first", etag, s_firstWrite);
        var second = await _dapr.TrySaveStateAsync("store", "k", "second", etag, s_firstWrite);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal("first", await _dapr.GetStateAsync<string>("store", "k"));
    }

    [Fact]
    public async Task AContendedRecordChangesBeforeEveryGuardedWriteUntilTheContentionEnds()
    {
        await _dapr.SaveStateAsync("store", "k", "original");
        var (_, etag) = await _dapr.GetStateAndETagAsync<string>("store", "k");

        bool lost;
        string changedETag;
        using (_fabric.StateStore("store").Contend("k"))
        {
            lost = !await _dapr.TrySaveStateAsync("store", "k", "mine", etag, s_firstWrite);
            (_, changedETag) = await _dapr.GetStateAndETagAsync<string>("store", "k");
        }

        var won = await _dapr.TrySaveStateAsync("store", "k", "mine", changedETag, s_firstWrite);

        Assert.True(lost);
        Assert.NotEqual(etag, changedETag);
        Assert.True(won);
        Assert.Equal("mine", await _dapr.GetStateAsync<string>("store", "k"));
    }

    [Fact]
    public async Task WritesTouchingAFailingKeyFailAndChangeNothingWhileReadsAndOtherKeysGoOn()
    {
        await _dapr.SaveStateAsync("store", "k", "original");

        string read;
        using (_fabric.StateStore("store").FailWrites("k"))
        {
            await Assert.ThrowsAsync<DaprException>(() => _dapr.SaveStateAsync("store", "k", "lost"));
            await Assert.ThrowsAsync<DaprException>(() =>
                _dapr.ExecuteStateTransactionAsync("store", [Upsert("other", "also lost", etag: null), Upsert("k", "lost", etag: null)]));
            await _dapr.SaveStateAsync("store", "elsewhere", "kept");
            read = (await _dapr.GetStateAsync<string>("store", "k"))!;
        }

        await _dapr.SaveStateAsync("store", "k", "after");

        Assert.Equal("original", read);
        Assert.Null(await _dapr.GetStateAsync<string?>("store", "other"));
        Assert.Equal("kept", await _dapr.GetStateAsync<string>("store", "elsewhere"));
        Assert.Equal("after", await _dapr.GetStateAsync<string>("store", "k"));
    }

    [Fact]
    public async Task ARaceLostOnceIsWonOnTheNextAttemptOverWhatTheOtherWriterLeft()
    {
        await _dapr.SaveStateAsync("store", "k", "original");
        var (_, etag) = await _dapr.GetStateAndETagAsync<string>("store", "k");

        bool first, second;
        string theirs;
        using (_fabric.StateStore("store").Contend("k", times: 1, rewrite: _ => System.Text.Encoding.UTF8.GetBytes("\"theirs\"")))
        {
            first = await _dapr.TrySaveStateAsync("store", "k", "mine", etag);
            (theirs, var fresh) = await _dapr.GetStateAndETagAsync<string>("store", "k");
            second = await _dapr.TrySaveStateAsync("store", "k", "mine", fresh);
        }

        Assert.False(first);
        Assert.Equal("theirs", theirs);
        Assert.True(second);
        Assert.Equal("mine", await _dapr.GetStateAsync<string>("store", "k"));
    }

    [Fact]
    public async Task AnAnswerLostForKeysThatBeginSoIsTheNextWriteOfAnySuchKeyOnly()
    {
        _fabric.StateStore("store").LoseNextAnswer("order:*");

        await _dapr.SaveStateAsync("store", "other", "answered");
        await Assert.ThrowsAsync<AnswerLostException>(() => _dapr.SaveStateAsync("store", "order:7", "written"));
        await _dapr.SaveStateAsync("store", "order:8", "answered");

        Assert.Equal("written", await _dapr.GetStateAsync<string>("store", "order:7"));
    }

    [Fact]
    public async Task AWriteWhoseAnswerIsLostIsDoneAllTheSameAndOnlyTheNextOneIsLost()
    {
        _fabric.StateStore("store").LoseNextAnswer("k");

        await Assert.ThrowsAsync<AnswerLostException>(() =>
            _dapr.ExecuteStateTransactionAsync("store", [Upsert("other", "written", etag: null), Upsert("k", "written", etag: null)]));
        var afterTheLostAnswer = await _dapr.GetStateAsync<string>("store", "k");
        await _dapr.SaveStateAsync("store", "k", "answered");

        Assert.Equal("written", afterTheLostAnswer);
        Assert.Equal("written", await _dapr.GetStateAsync<string>("store", "other"));
        Assert.Equal("answered", await _dapr.GetStateAsync<string>("store", "k"));
    }

    [Fact]
    public async Task AFirstWriteWithoutAnETagOnlyInserts()
    {
        await _dapr.ExecuteStateTransactionAsync("store", [Upsert("k", "inserted", etag: null)]);

        await Assert.ThrowsAsync<DaprException>(() => _dapr.ExecuteStateTransactionAsync("store", [Upsert("k", "again", etag: null)]));
        Assert.Equal("inserted", await _dapr.GetStateAsync<string>("store", "k"));
    }

    [Fact]
    public async Task ATransactionWithOneStaleETagChangesNothing()
    {
        await _dapr.SaveStateAsync("store", "a", "a0");
        await _dapr.SaveStateAsync("store", "b", "b0");
        var (_, etagA) = await _dapr.GetStateAndETagAsync<string>("store", "a");

        var error = await Assert.ThrowsAsync<DaprException>(() => _dapr.ExecuteStateTransactionAsync("store",
        [
            Upsert("a", "a1", etagA),
            Upsert("b", "b1", "stale-etag"),
            new StateTransactionRequest("c", null, StateOperationType.Delete),
        ]));

        Assert.Contains("etag mismatch", error.InnerException!.Message, StringComparison.Ordinal);
        var stateOfA = await _dapr.GetStateAsync<string>("store", "a");
        var stateOfB = await _dapr.GetStateAsync<string>("store", "b");
        Assert.Equal("a0", stateOfA);
        Assert.Equal("b0", stateOfB);
    }

    [Fact]
    public async Task ADeleteWithAStaleETagIsRefused()
    {
        await _dapr.SaveStateAsync("store", "k", "v");

        Assert.False(await _dapr.TryDeleteStateAsync("store", "k", "stale"));
        Assert.Equal("v", await _dapr.GetStateAsync<string>("store", "k"));
    }

    [Fact]
    public async Task AnUnavailableStoreFailsEveryCallUntilItRecovers()
    {
        var fabric = new DaprTestFabric(TestComponents.PubSubAndStore("app"));
        fabric.StateStore("store").Unavailable = true;

        await Assert.ThrowsAsync<DaprException>(() => fabric.ClientFor("app").GetStateAsync<string>("store", "k"));
        fabric.StateStore("store").Unavailable = false;
        Assert.Null(await fabric.ClientFor("app").GetStateAsync<string>("store", "k"));
    }

    [Fact]
    public async Task ARecordWithATimeToLiveIsGoneOnceItsTimeIsUpAndAnotherWriteResetsIt()
    {
        await _dapr.SaveStateAsync("store", "k", "v", metadata: Ttl("60"));
        await _fabric.AdvanceTimeAsync(TimeSpan.FromSeconds(59));
        var beforeItsTime = await _dapr.GetStateAsync<string>("store", "k");
        await _dapr.SaveStateAsync("store", "k", "rewritten");
        await _fabric.AdvanceTimeAsync(TimeSpan.FromDays(30));

        Assert.Equal("v", beforeItsTime);
        Assert.Equal("rewritten", await _dapr.GetStateAsync<string>("store", "k"));
        await _dapr.SaveStateAsync("store", "k", "again", metadata: Ttl("60"));
        await _fabric.AdvanceTimeAsync(TimeSpan.FromSeconds(60));
        var (value, etag) = await _dapr.GetStateAndETagAsync<string>("store", "k");
        Assert.Null(value);
        Assert.Equal(string.Empty, etag);
        Assert.Empty(_fabric.StateStore("store").Snapshot());
    }

    [Fact]
    public async Task AnExpiredRecordIsGoneForWritesToo()
    {
        await _dapr.SaveStateAsync("store", "k", "v", metadata: Ttl("1"));
        var (_, etag) = await _dapr.GetStateAndETagAsync<string>("store", "k");
        await _fabric.AdvanceTimeAsync(TimeSpan.FromSeconds(1));

        Assert.False(await _dapr.TrySaveStateAsync("store", "k", "by etag", etag, s_firstWrite));
        await _dapr.ExecuteStateTransactionAsync("store", [Upsert("k", "inserted", etag: null)]);
        Assert.Equal("inserted", await _dapr.GetStateAsync<string>("store", "k"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task ATimeToLiveOfZeroOrMinusOneNeverExpires(string ttl)
    {
        await _dapr.SaveStateAsync("store", "k", "v", metadata: Ttl(ttl));
        await _fabric.AdvanceTimeAsync(TimeSpan.FromDays(365));

        Assert.Equal("v", await _dapr.GetStateAsync<string>("store", "k"));
    }

    [Theory]
    [InlineData("-2")]
    [InlineData("1.5")]
    [InlineData("a minute")]
    public async Task ATimeToLiveThatIsNotAWholeNumberOfMinusOneOrMoreIsAnErrorAndWritesNothing(string ttl)
    {
        var error = await Assert.ThrowsAsync<DaprException>(() => _dapr.SaveStateAsync("store", "k", "v", metadata: Ttl(ttl)));

        Assert.Contains("ttlInSeconds", error.Message, StringComparison.Ordinal);
        Assert.Null(await _dapr.GetStateAsync<string>("store", "k"));
    }

    private static Dictionary<string, string> Ttl(string seconds) => new() { ["ttlInSeconds"] = seconds };

    private static StateTransactionRequest Upsert(string key, string value, string? etag) =>
        new(key, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value), StateOperationType.Upsert, etag, null, s_firstWrite);

}
