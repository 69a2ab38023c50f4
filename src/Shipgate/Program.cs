using Shipgate.Cli;

return await ShipgateCli.RunAsync(args, CliHost.FromProcess());
