namespace RefusalSae.Experiments.Stages.TrainModel;

/// <summary>
/// train-model's output contract: model/ is a Hugging Face snapshot folder (config.json, model.safetensors,
/// tokenizer.json), read by <see cref="Toy.Model.ToyModelFolder"/> or as any snapshot (paper.subject.model_stage).
/// </summary>
public static class TrainModelOutput
{
    public static string ModelFolder(string stageDir) => Path.Combine(stageDir, "model");
}
