namespace RefusalSae.Tasks;

/// <summary>Marker for the task assembly.</summary>
public static class AssemblyMarker;
