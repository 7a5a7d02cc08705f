using System.CommandLine;
using System.Text.RegularExpressions;

namespace SynVid.Cli;

/// <summary>
/// A command-line parse error in the CLI's words: System.CommandLine names .NET types ("expected type
/// 'System.Nullable`1[System.Int32]'"); this names the kind of value the option accepts.
/// </summary>
internal static partial class ParseErrorText
{
    /// <summary>The first error of <paramref name="parse"/>, on one line.</summary>
    public static string Of(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var message = parse.Errors[0].Message;
        var match = CannotParse().Match(message);
        if (match.Success)
        {
            var (value, name) = (match.Groups["value"].Value, match.Groups["option"].Value);
            var option = parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));
            return $"{name}: '{value}' is not {Accepted(option?.ValueType)}";
        }
        return string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static string Accepted(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            null => "a valid value",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
            _ when type == typeof(bool) => "true or false",
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type)),
            _ when type.IsArray => Accepted(type.GetElementType()),
            _ => "a valid value",
        };
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type", RegexOptions.Singleline)]
    private static partial Regex CannotParse();
}
