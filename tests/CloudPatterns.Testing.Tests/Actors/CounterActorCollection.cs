namespace CloudPatterns.Testing.Tests.Actors;

/// <summary>CounterActor keeps a static concurrency probe, so its tests must not run in parallel with each other.</summary>
[CollectionDefinition(nameof(CounterActor))]
public sealed class CounterActorCollection;
