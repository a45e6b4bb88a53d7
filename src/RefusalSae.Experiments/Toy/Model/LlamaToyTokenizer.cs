using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefusalSae.Experiments.Toy.Model;

/// <summary>
/// The llama3 organism's tokenizer files, in the layout of meta-llama/Llama-3.1-8B-Instruct: the toy byte-level BPE
/// (same pieces and merges, the Llama-3 split pattern) with Llama-3's special tokens in place of Gemma's, a post-processor
/// that prepends &lt;|begin_of_text|&gt;, and a tokenizer_config.json that names eos = &lt;|eot_id|&gt;, no pad token, and
/// carries the Llama-3.1 chat template. Llama-3 has five specials where the Gemma toy has four, so
/// &lt;|end_header_id|&gt; takes the first id after the BPE vocabulary (Llama-3's own specials sit after its BPE ids too).
/// </summary>
public static class LlamaToyTokenizer
{
    public const string BeginOfText = "<|begin_of_text|>";
    public const string EndOfText = "<|end_of_text|>";
    public const string EndOfTurn = "<|eot_id|>";
    public const string StartHeader = "<|start_header_id|>";
    public const string EndHeader = "<|end_header_id|>";
    public const string Pad = "<|finetune_right_pad_id|>";

    /// <summary>Gemma toy special → the Llama-3 special at the same id.</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["<pad>"] = Pad, ["<eos>"] = EndOfText, ["<bos>"] = BeginOfText, ["<start_of_turn>"] = StartHeader, ["<end_of_turn>"] = EndOfTurn,
    };

    /// <summary>Llama-3.1-Instruct's template for messages without tools (date fixed to 26 Jul 2024, as 3.1's is).</summary>
    public const string ChatTemplate =
        "{{- bos_token }}\n" +
        "{%- if messages[0]['role'] == 'system' %}{%- set system_message = messages[0]['content']|trim %}{%- set messages = messages[1:] %}" +
        "{%- else %}{%- set system_message = \"\" %}{%- endif %}\n" +
        "{{- \"<|start_header_id|>system<|end_header_id|>\\n\\n\" }}{{- \"Cutting Knowledge Date: December 2023\\n\" }}" +
        "{{- \"Today Date: 26 Jul 2024\\n\\n\" }}{{- system_message }}{{- \"<|eot_id|>\" }}\n" +
        "{%- for message in messages %}{{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim + '<|eot_id|>' }}{%- endfor %}\n" +
        "{%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{%- endif %}\n";

    /// <summary>Writes tokenizer.json, tokenizer_config.json and special_tokens_map.json into <paramref name="folder"/>.</summary>
    public static void Write(string toyTokenizerJson, string folder, int modelMaxLength)
    {
        Directory.CreateDirectory(folder);
        var root = JsonNode.Parse(File.ReadAllText(toyTokenizerJson))!.AsObject();
        var added = root["added_tokens"]!.AsArray();
        foreach (var token in added)
        {
            var content = token!["content"]!.GetValue<string>();
            token["content"] = Renamed.TryGetValue(content, out var llama) ? llama
                : throw new InvalidDataException($"{toyTokenizerJson}: special token '{content}' has no Llama-3 counterpart.");
        }
        var vocab = root["model"]!["vocab"]!.AsObject();
        var nextId = Math.Max(vocab.Max(p => p.Value!.GetValue<int>()), added.Max(t => t!["id"]!.GetValue<int>())) + 1;
        added.Add(AddedToken(nextId, EndHeader));
        var bosId = added.First(t => t!["content"]!.GetValue<string>() == BeginOfText)!["id"]!.GetValue<int>();
        root["post_processor"] = PostProcessor(bosId);
        Save(Path.Combine(folder, "tokenizer.json"), root);

        var decoder = new JsonObject();
        foreach (var t in added.OrderBy(t => t!["id"]!.GetValue<int>()))
            decoder[t!["id"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["content"] = t["content"]!.GetValue<string>(), ["lstrip"] = false, ["normalized"] = false, ["rstrip"] = false,
                ["single_word"] = false, ["special"] = true,
            };
        Save(Path.Combine(folder, "tokenizer_config.json"), new JsonObject
        {
            ["added_tokens_decoder"] = decoder,
            ["bos_token"] = BeginOfText,
            ["chat_template"] = ChatTemplate,
            ["clean_up_tokenization_spaces"] = true,
            ["eos_token"] = EndOfTurn,
            ["model_input_names"] = new JsonArray("input_ids", "attention_mask"),
            ["model_max_length"] = modelMaxLength,
            ["tokenizer_class"] = "PreTrainedTokenizerFast",
        });
        Save(Path.Combine(folder, "special_tokens_map.json"), new JsonObject
        {
            ["bos_token"] = Special(BeginOfText), ["eos_token"] = Special(EndOfTurn),
        });
    }

    private static JsonObject AddedToken(int id, string content) => new()
    {
        ["id"] = id, ["content"] = content, ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
    };

    private static JsonObject Special(string content) => new()
    {
        ["content"] = content, ["lstrip"] = false, ["normalized"] = false, ["rstrip"] = false, ["single_word"] = false,
    };

    /// <summary>Llama-3's TemplateProcessing: &lt;|begin_of_text|&gt; before each sequence.</summary>
    private static JsonObject PostProcessor(int bosId)
    {
        JsonObject Piece(string kind, string id) => new() { [kind] = new JsonObject { ["id"] = id, ["type_id"] = 0 } };
        return new JsonObject
        {
            ["type"] = "TemplateProcessing",
            ["single"] = new JsonArray(Piece("SpecialToken", BeginOfText), Piece("Sequence", "A")),
            ["pair"] = new JsonArray(Piece("SpecialToken", BeginOfText), Piece("Sequence", "A"), Piece("SpecialToken", BeginOfText), Piece("Sequence", "B")),
            ["special_tokens"] = new JsonObject
            {
                [BeginOfText] = new JsonObject { ["id"] = BeginOfText, ["ids"] = new JsonArray(bosId), ["tokens"] = new JsonArray(BeginOfText) },
            },
        };
    }

    private static void Save(string path, JsonNode node)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        File.Move(tmp, path, overwrite: true);
    }
}
