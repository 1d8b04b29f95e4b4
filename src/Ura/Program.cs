using Ura.Platform.Cli;

return await Commands.RunAsync(args);

/// <summary>Entry point; exposed for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
