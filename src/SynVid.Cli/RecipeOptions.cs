using System.CommandLine;
using System.Text.Json;
using SynVid.Training;

namespace SynVid.Cli;

/// <summary>
/// A command's recipe options: <c>--recipe FILE.json</c>, repeatable <c>--set FIELD=VALUE</c>, and shorthand flags
/// (<c>--batch</c>, <c>--lr</c>, …) that are nothing but named <c>--set</c> assignments. Applied in that order over the
/// preset, all through <see cref="RecipeOverrides"/>.
/// </summary>
/// <typeparam name="T">The recipe record.</typeparam>
internal sealed class RecipeOptions<T>
    where T : class
{
    private readonly List<(Option Option, Func<ParseResult, T, IEnumerable<string>> Assignments)> _shorthands = [];

    private readonly bool _setShared;

    /// <summary>
    /// Creates the options; <paramref name="example"/> is a field shown in the help. With <paramref name="sharedSet"/>
    /// (pre-training's stage <c>--set</c>) one <c>--set</c> serves both: recipe fields (snake_case) go to the recipe,
    /// every other name is left to the stage.
    /// </summary>
    public RecipeOptions(string example, Option<string[]>? sharedSet = null)
    {
        File = new Option<FileInfo?>("--recipe")
        {
            Description = "JSON file of recipe fields in snake_case (as in a run's config.json \"recipe\"), applied over --preset.",
        };
        _setShared = sharedSet is not null;
        Set = sharedSet ?? new Option<string[]>("--set")
        {
            Description = $"Set one recipe field, FIELD=VALUE (repeatable; snake_case names as in config.json, e.g. --set {example}); " +
                "applied after --recipe, before the shorthand flags. An unknown field lists the known ones.",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        if (sharedSet is not null)
        {
            sharedSet.Description += $" Recipe fields (snake_case, as in config.json \"recipe\", e.g. --set {example}) set the recipe.";
        }
    }

    /// <summary><c>--recipe</c>.</summary>
    public Option<FileInfo?> File { get; }

    /// <summary><c>--set</c>.</summary>
    public Option<string[]> Set { get; }

    /// <summary>Every option this object handles (for a command's resume guard).</summary>
    public IEnumerable<Option> All => (_setShared ? new Option[] { File } : [File, Set]).Concat(_shorthands.Select(s => s.Option));

    /// <summary>Whether a <c>FIELD=VALUE</c> assignment names a field of <paramref name="recipe"/>.</summary>
    public static bool IsRecipeField(string assignment, T recipe)
    {
        var eq = assignment.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && RecipeOverrides.ToJson(recipe).ContainsKey(assignment[..eq].Trim().Replace('-', '_'));
    }

    /// <summary>Registers a shorthand flag that sets one field to its value.</summary>
    public Option<TValue?> Shorthand<TValue>(Option<TValue?> option, string field)
        where TValue : struct
        => Shorthand(option, (value, _) => [Assign(field, value)]);

    /// <summary>Registers a shorthand flag that sets one text field to its value.</summary>
    public Option<string?> Shorthand(Option<string?> option, string field)
        => Shorthand(option, (value, _) => [Assign(field, value)]);

    /// <summary>Registers a shorthand flag mapped to assignments by <paramref name="map"/> (given the recipe so far).</summary>
    public Option<TValue> Shorthand<TValue>(Option<TValue> option, Func<TValue, T, IEnumerable<string>> map)
    {
        _shorthands.Add((option, (parse, recipe) => parse.GetValue(option) is { } value ? map(value, recipe) : []));
        return option;
    }

    /// <summary>An assignment string for <paramref name="field"/> with the value in JSON.</summary>
    public static string Assign(string field, object? value) => value switch
    {
        // JSON has no NaN or infinity, and no recipe field takes one
        double d when !double.IsFinite(d) => throw new UserInputException($"recipe field '{field}' cannot be {d.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it takes a finite number"),
        float f when !float.IsFinite(f) => throw new UserInputException($"recipe field '{field}' cannot be {f.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it takes a finite number"),
        _ => $"{field}={JsonSerializer.Serialize(value)}",
    };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Add(option);
        }
    }

    /// <summary>Applies the file, the assignments and the shorthands given on the command line over <paramref name="recipe"/>.</summary>
    public T Apply(ParseResult parse, T recipe)
    {
        if (parse.GetValue(File) is { } file)
        {
            recipe = RecipeOverrides.FromFile(file.FullName, recipe);
        }
        if (parse.GetValue(Set) is { Length: > 0 } sets)
        {
            var template = recipe;
            var mine = _setShared ? sets.Where(a => IsRecipeField(a, template)).ToArray() : sets;
            recipe = RecipeOverrides.FromAssignments(mine, recipe);
        }
        foreach (var (option, assignments) in _shorthands)
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                recipe = RecipeOverrides.FromAssignments(assignments(parse, recipe), recipe);
            }
        }
        return recipe;
    }
}
