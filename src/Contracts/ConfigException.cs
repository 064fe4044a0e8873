namespace Bench.Contracts;

/// <summary>
/// Bad input the user can fix: an unknown name, a bad value, a missing or corrupt dataset. The tool
/// prints the message (which names the cause and the fix) and exits with code 2.
/// </summary>
public sealed class ConfigException(string message) : Exception(message)
{
    /// <summary>Exit code for bad input.</summary>
    public const int ExitCode = 2;

    /// <summary>A value echoed in a message, cut to 80 characters: a pasted megabyte must not become a megabyte-long error line.</summary>
    public static string Echo(string value) => value.Length <= 80 ? value : value[..77] + "...";
}
