namespace RefusalSae.Core.Tokenization.HuggingFace;

/// <summary>
/// tokenizer.json "post_processor" reduced to what a single sequence needs: the special ids added before and after
/// it when add_special_tokens is true (TemplateProcessing, Bert/Roberta, Sequence; ByteLevel adds none).
/// </summary>
internal sealed record PostProcessor(int[] Prefix, int[] Suffix)
{
    public static readonly PostProcessor None = new([], []);

    public static PostProcessor Build(JsonConfig? config)
    {
        if (config is not { } c) return None;
        switch (c.Type)
        {
            case "ByteLevel":
                return None;
            case "Sequence":
                var parts = c.Items("processors").Select(p => Build(p)).ToList();
                return new PostProcessor(parts.SelectMany(p => p.Prefix).ToArray(), parts.SelectMany(p => p.Suffix).ToArray());
            case "TemplateProcessing":
                return Template(c);
            case "BertProcessing" or "RobertaProcessing":
                int cls = SpecialId(c, "cls"), sep = SpecialId(c, "sep");
                return new PostProcessor([cls], [sep]);
            default:
                throw c.Unsupported();
        }
    }

    private static PostProcessor Template(JsonConfig c)
    {
        var specials = c.Child("special_tokens");
        List<int> prefix = [], suffix = [];
        var seenSequence = false;
        foreach (var piece in c.Items("single"))
        {
            if (piece.Has("Sequence")) { seenSequence = true; continue; }
            var name = piece.Child("SpecialToken").String("id");
            var ids = specials.Child(name).Items("ids").Select(i => i.Element.GetInt32());
            (seenSequence ? suffix : prefix).AddRange(ids);
        }
        return new PostProcessor(prefix.ToArray(), suffix.ToArray());
    }

    private static int SpecialId(JsonConfig c, string key)
    {
        var pair = c.Child(key).Element;
        return pair.GetArrayLength() == 2 ? pair[1].GetInt32() : throw c.Error($"'{key}' must be [token, id]");
    }
}
