namespace GoPack.Sdk
{
    /// <summary>
    /// GoPack's own diagnostic codes. They are stable: README.md documents each one, and users search for them.
    /// Go's own diagnostics use the GO codes in <see cref="Diagnostics.GoDiagnosticCodes"/>.
    /// </summary>
    public static class GoPackErrors
    {
        /// <summary>No Go toolchain was found.</summary>
        public const string ToolchainNotFound = "GOPACK0001";

        /// <summary>Nothing that looks like a Go project next to the project file.</summary>
        public const string NoGoProject = "GOPACK0002";

        /// <summary>GoModuleDir names a directory that does not exist.</summary>
        public const string ModuleDirectoryMissing = "GOPACK0003";

        /// <summary>The go executable could not be started.</summary>
        public const string GoNotStartable = "GOPACK0004";

        /// <summary>go.mod or go.work could not be read or parsed.</summary>
        public const string ModuleFileUnreadable = "GOPACK0005";

        /// <summary>A flags property (GoBuildFlags) has unbalanced quotes.</summary>
        public const string InvalidFlags = "GOPACK0006";

        /// <summary>A property has a value GoPack doesn't know.</summary>
        public const string InvalidProperty = "GOPACK0007";

        /// <summary>The main package asked for doesn't exist or isn't package main.</summary>
        public const string MainPackageNotFound = "GOPACK0010";
    }
}
