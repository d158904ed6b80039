namespace GoPack.Sdk.Versions;

/// <summary>Where a <see cref="GoVersionRequest"/> came from, in resolution order.</summary>
public enum GoVersionSource
{
    GoVersionProperty,
    GoVersionEnvironment,
    RailpackEnvironment,
    PlatformComment,
    WorkToolchainLine,
    ModToolchainLine,
    WorkGoLine,
    ModGoLine,

    /// <summary>The go line of a workspace <c>use</c> module or a local <c>replace</c> target's go.mod.</summary>
    LocalModuleGoLine,

    /// <summary>A <c>## explicit; go 1.20</c> line of vendor/modules.txt.</summary>
    VendorGoLine,
    Default,
}
