namespace RefusalSae.Worker.Cli;

/// <summary>One verb of the worker CLI. Implementations are found by reflection: adding a verb is adding a file.</summary>
public interface IWorkerCommand
{
    /// <summary>The verb, e.g. "forward".</summary>
    string Name { get; }

    /// <summary>One line for `--help`, with the usage.</summary>
    string Usage { get; }

    /// <summary>Runs the verb; returns the process exit code.</summary>
    int Run(ArgReader args);
}
