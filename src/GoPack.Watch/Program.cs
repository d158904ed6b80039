using System;
using System.Linq;
using GoPack.Watch;

// dotnet exec GoPack.Watch.dll <watch list file> -- <command> [arguments...]
// GoPack.Watch.targets makes this the run command of a .gocsproj under `dotnet watch run`; `dotnet run` appends the
// program's own arguments (after `--`, or a launch profile's commandLineArgs) at the end.
if (args.Length < 3 || args[1] != "--")
{
    Console.Error.WriteLine("GoPack.Watch restarts a Go program of a .gocsproj on change under `dotnet watch run`. Usage: GoPack.Watch <watch list file> -- <command> [arguments...]");
    return 2;
}

return new Supervisor(args[0], args[2], args.Skip(3).ToArray(), Console.Error).Run();
