using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace GoPack.Sdk.Packaging;

/// <summary>
/// DotnetToolSettings.xml, what `dotnet tool install` reads from a tool package, in the format .NET 10's SDK writes
/// (DotNetCliTool Version="2"): a RID package names the command, its entry point and Runner="executable" (the file is
/// started as it is, as a native AOT tool is); the package that points at the RID packages names the command and lists
/// them under RuntimeIdentifierPackages, for dotnet tool install to pick the one of the machine.
/// </summary>
public static class DotnetToolSettings
{
    /// <summary>tools/any/&lt;rid&gt;/DotnetToolSettings.xml of a RID package: run <paramref name="entryPoint"/> (a path in that folder) as the command.</summary>
    public static XDocument ForExecutable(string commandName, string entryPoint)
    {
        Require(commandName, nameof(commandName));
        Require(entryPoint, nameof(entryPoint));
        return Document(new XElement("Command",
            new XAttribute("Name", commandName),
            new XAttribute("EntryPoint", entryPoint),
            new XAttribute("Runner", "executable")));
    }

    /// <summary>tools/any/any/DotnetToolSettings.xml of the package that points at one package per runtime identifier.</summary>
    public static XDocument ForRuntimeIdentifierPackages(string commandName, IEnumerable<KeyValuePair<string, string>> packageIdsByRuntimeIdentifier)
    {
        Require(commandName, nameof(commandName));
        var packages = (packageIdsByRuntimeIdentifier ?? throw new ArgumentNullException(nameof(packageIdsByRuntimeIdentifier))).ToList();
        if (packages.Count == 0)
        {
            throw new ArgumentException("A tool package needs at least one runtime identifier package.", nameof(packageIdsByRuntimeIdentifier));
        }

        var document = Document(new XElement("Command", new XAttribute("Name", commandName)));
        document.Root!.Add(new XElement("RuntimeIdentifierPackages",
            packages.Select(p => new XElement("RuntimeIdentifierPackage",
                new XAttribute("RuntimeIdentifier", p.Key),
                new XAttribute("Id", p.Value)))));
        return document;
    }

    private static XDocument Document(XElement command) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement("DotNetCliTool", new XAttribute("Version", "2"), new XElement("Commands", command)));

    private static void Require(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A value is required.", name);
        }
    }
}
