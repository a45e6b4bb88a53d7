namespace RefusalSae.Engine;

/// <summary>Marker for the RefusalSae.Engine assembly.</summary>
public static class AssemblyMarker;
