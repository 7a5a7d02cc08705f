using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SynVid.Training;

/// <summary>
/// The one way to change a recipe record: its fields in snake_case (as a run's config.json "recipe" shows them), merged
/// over a base recipe from a JSON file (<c>--recipe FILE.json</c>) or from <c>field=value</c> assignments
/// (<c>--set</c>). Unknown fields and values of the wrong type are user errors naming the field.
/// </summary>
public static class RecipeOverrides
{
    /// <summary>The recipes' JSON form: snake_case fields and enum values.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Applies a JSON file holding one object of recipe fields over <paramref name="baseRecipe"/>.</summary>
    public static T FromFile<T>(string path, T baseRecipe)
        where T : class
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"recipe file not found: {path}");
        }
        JsonObject overrides;
        try
        {
            overrides = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new UserInputException($"{path}: a recipe file holds one JSON object of recipe fields");
        }
        catch (JsonException)
        {
            throw new UserInputException($"{path}: not valid JSON (a recipe file holds one object of recipe fields, e.g. {{\"batch_size\": 16}})");
        }
        return Merge(baseRecipe, overrides.Select(kv => (kv.Key, kv.Value)), path);
    }

    /// <summary>
    /// Applies <c>field=value</c> assignments in order. The value is read as JSON when it parses (numbers, true/false,
    /// null, quoted strings, arrays) and as a plain string otherwise, so <c>rand_augment=none</c> needs no quotes.
    /// </summary>
    public static T FromAssignments<T>(IEnumerable<string> assignments, T baseRecipe)
        where T : class
    {
        var fields = new List<(string, JsonNode?)>();
        foreach (var assignment in assignments)
        {
            var eq = assignment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UserInputException($"--set expects FIELD=VALUE (e.g. --set mixup=0), got '{assignment}'");
            }
            var key = assignment[..eq].Trim().Replace('-', '_');
            fields.Add((key, ParseValue(assignment[(eq + 1)..].Trim())));
        }
        return Merge(baseRecipe, fields, "--set");
    }

    /// <summary>The recipe's fields and values as the JSON <see cref="FromAssignments"/> accepts.</summary>
    public static JsonObject ToJson<T>(T recipe) => JsonNode.Parse(JsonSerializer.Serialize(recipe, JsonOptions))!.AsObject();

    private static JsonNode? ParseValue(string text)
    {
        if (text.Length == 0)
        {
            return JsonValue.Create("");
        }
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static T Merge<T>(T baseRecipe, IEnumerable<(string Key, JsonNode? Value)> fields, string source)
        where T : class
    {
        var merged = ToJson(baseRecipe);
        // Derived (get-only) properties are serialised for the record but cannot be set.
        var settable = typeof(T).GetProperties().Where(p => p.CanWrite).Select(p => JsonOptions.PropertyNamingPolicy!.ConvertName(p.Name)).ToHashSet();
        foreach (var (key, value) in fields)
        {
            if (!settable.Contains(key) || !merged.TryGetPropertyValue(key, out var current))
            {
                throw new UserInputException($"{source}: unknown recipe field '{key}' (known: {string.Join(", ", merged.Select(kv => kv.Key).Where(settable.Contains))})");
            }
            merged[key] = value?.DeepClone();
            try
            {
                merged.Deserialize<T>(JsonOptions);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                throw new UserInputException($"{source}: recipe field '{key}' cannot be {Show(value)}; it takes {Describe(current)}");
            }
        }
        return merged.Deserialize<T>(JsonOptions) ?? throw new UserInputException($"{source}: empty recipe");
    }

    private static string Show(JsonNode? value) => value is null ? "null" : value.ToJsonString();

    private static string Describe(JsonNode? current) => current?.GetValueKind() switch
    {
        JsonValueKind.Number => "a number (e.g. " + current.ToJsonString() + ")",
        JsonValueKind.String => "text (e.g. " + current.ToJsonString() + ")",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Array => "a list such as " + current.ToJsonString(),
        null => "a value or null",
        _ => "a value like " + current.ToJsonString(),
    };
}
