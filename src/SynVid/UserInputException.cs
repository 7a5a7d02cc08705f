namespace SynVid;

/// <summary>
/// A mistake in what the user asked for (a flag, a file, a value). The CLI prints its message on one line and exits
/// with code 2, without a stack trace. Subtypes say which kind of input was wrong (<see cref="Datasets.Specs.BadVideoException"/>).
/// </summary>
public class UserInputException : Exception
{
    /// <summary>Creates the exception with a message that names the offending file, field or value.</summary>
    public UserInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the lower-level cause.</summary>
    public UserInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
