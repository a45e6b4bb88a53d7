namespace RefusalSae.Experiments;

/// <summary>Marker for the RefusalSae.Experiments assembly.</summary>
public static class AssemblyMarker;
