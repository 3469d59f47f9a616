namespace CloudPatterns.PaymentProviderSimulator;

/// <summary>Names this app's assembly for WebApplicationFactory.</summary>
public sealed class PaymentProviderSimulatorApp;
