using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SynVid.Synthesis;

/// <summary>
/// Overrides any <see cref="StageParameters"/> field from a JSON config file or <c>name=value</c> pairs (camelCase
/// field names, enum values by name). Unknown fields and bad values are user errors that name the field.
/// </summary>
public static class StageOverrides
{
    /// <summary>JSON options for stage parameters: camelCase names, enums as camelCase strings, unknown fields rejected.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    /// <summary>Applies the fields of the JSON object in <paramref name="configFile"/>.</summary>
    public static StageParameters ApplyFile(StageParameters stage, string configFile)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(configFile));
        }
        catch (JsonException e)
        {
            // the position in the user's words, not the JSON reader's (0-based "LineNumber | BytePositionInLine")
            var where = e.LineNumber is { } line ? $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new UserInputException($"stage config '{configFile}' is not valid JSON{where}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot read stage config '{configFile}': {e.Message}", e);
        }
        if (node is not JsonObject obj)
        {
            throw new UserInputException($"stage config '{configFile}' must hold a JSON object of parameter names and values");
        }
        return Apply(stage, obj, $"stage config '{configFile}'");
    }

    /// <summary>Applies <c>name=value</c> pairs; values are JSON (numbers, true/false) or bare strings (enum names).</summary>
    public static StageParameters ApplyPairs(StageParameters stage, IEnumerable<string> pairs)
    {
        var obj = new JsonObject();
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UserInputException($"--set '{pair}' must look like name=value, e.g. speedFactor=0.5");
            }
            var value = pair[(eq + 1)..];
            JsonNode? parsed;
            try
            {
                parsed = JsonNode.Parse(value);
            }
            catch (JsonException)
            {
                parsed = JsonValue.Create(value);
            }
            obj[pair[..eq]] = parsed;
        }
        return Apply(stage, obj, "--set");
    }

    /// <summary>Serialises the parameters as the JSON object the overrides use.</summary>
    public static string ToJson(StageParameters stage) => JsonSerializer.Serialize(stage, Json);

    private static StageParameters Apply(StageParameters stage, JsonObject overrides, string origin)
    {
        var merged = JsonSerializer.SerializeToNode(stage, Json)!.AsObject();
        foreach (var (key, value) in overrides)
        {
            var known = merged.Select(kv => kv.Key).FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                throw new UserInputException($"{origin}: unknown stage parameter '{key}' (known: {string.Join(", ", merged.Select(kv => kv.Key))})");
            }
            var current = merged[known]?.DeepClone();
            merged[known] = value?.DeepClone();
            try
            {
                merged.Deserialize<StageParameters>(Json);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                throw new UserInputException($"{origin}: stage parameter '{known}' cannot be {(value is null ? "null" : value.ToJsonString())}; it takes {Accepted(known, current)}", e);
            }
        }
        return (merged.Deserialize<StageParameters>(Json) ?? throw new UserInputException($"{origin}: no stage parameters")).Validated();
    }

    // What a field accepts, from its current value (enum fields list their names).
    private static string Accepted(string field, JsonNode? current)
    {
        var property = typeof(StageParameters).GetProperties()
            .FirstOrDefault(p => string.Equals(Json.PropertyNamingPolicy!.ConvertName(p.Name), field, StringComparison.Ordinal));
        var type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type is { IsEnum: true })
        {
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => Json.PropertyNamingPolicy!.ConvertName(n)));
        }
        if (type == typeof(int) || type == typeof(long))
        {
            return "a whole number" + (current is null ? "" : $" (e.g. {current.ToJsonString()})");
        }
        return current?.GetValueKind() switch
        {
            JsonValueKind.Number => $"a number (e.g. {current.ToJsonString()})",
            JsonValueKind.True or JsonValueKind.False => "true or false",
            JsonValueKind.Array => $"a list such as {current.ToJsonString()}",
            JsonValueKind.String => $"text (e.g. {current.ToJsonString()})",
            _ => "a value of its kind",
        };
    }
}
