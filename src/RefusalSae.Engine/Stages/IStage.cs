namespace RefusalSae.Engine.Stages;

/// <summary>
/// One stage of the pipeline: a pure function from (config slice, upstream outputs, datasets) to the files it writes
/// into <see cref="StageContext.OutputDirectory"/>. Declared in experiments/pipeline.yaml under the same
/// <see cref="Name"/>; the worker verb `run-stage` finds implementations by reflection.
/// </summary>
public interface IStage
{
    /// <summary>The stage name used in experiments/pipeline.yaml, e.g. "prompt-stats".</summary>
    string Name { get; }

    /// <summary>Computes the outputs. Throw <see cref="StageException"/> for expected failures (bad input).</summary>
    void Run(StageContext ctx);
}
