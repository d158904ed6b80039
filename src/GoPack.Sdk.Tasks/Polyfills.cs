#if !NET
namespace System.Runtime.CompilerServices;

// Lets netstandard2.0 code use init-only properties and records.
internal static class IsExternalInit
{
}
#endif
