namespace RefusalSae.Core;

/// <summary>Marker for the RefusalSae.Core assembly.</summary>
public static class AssemblyMarker;
