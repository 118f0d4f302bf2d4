using System;
using System.Collections.Generic;

namespace AmiPs.Shell
{
    internal enum ShellMode
    {
        Interactive,
        File,
        Command,
        Help,
    }

    /// <summary>
    /// The command line, parsed the way pwsh reads it: parameter names are case-insensitive and may be shortened
    /// (-f, -c, -nop), everything after -File's path goes to the script, everything after -Command is the command.
    /// </summary>
    internal sealed class ShellOptions
    {
        private static readonly string[] Names = { "File", "Command", "NoProfile", "NoLogo", "NonInteractive", "Help" };

        private ShellOptions(ShellMode mode, string? file, string? command, IReadOnlyList<string> scriptArguments)
        {
            Mode = mode;
            File = file;
            Command = command;
            ScriptArguments = scriptArguments;
        }

        public ShellMode Mode { get; }

        public string? File { get; }

        public string? Command { get; }

        /// <summary>The arguments after -File's path, passed to the script as pwsh passes them.</summary>
        public IReadOnlyList<string> ScriptArguments { get; }

        /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message meant for people.</summary>
        public static ShellOptions Parse(IReadOnlyList<string> args)
        {
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                if (!IsSwitch(arg))
                {
                    // pwsh treats a first bare argument as the script file.
                    return ForFile(args, i);
                }

                switch (Resolve(arg))
                {
                    case "File":
                        if (i + 1 >= args.Count)
                        {
                            throw new ArgumentException("-File needs the path of a script.");
                        }

                        return ForFile(args, i + 1);
                    case "Command":
                        if (i + 1 >= args.Count)
                        {
                            throw new ArgumentException("-Command needs a command.");
                        }

                        return new ShellOptions(ShellMode.Command, null, string.Join(" ", Rest(args, i + 1)), Array.Empty<string>());
                    case "Help":
                        return new ShellOptions(ShellMode.Help, null, null, Array.Empty<string>());
                    default:
                        // -NoProfile, -NoLogo, -NonInteractive: amips reads no profile and prints no logo anyway.
                        break;
                }
            }

            return new ShellOptions(ShellMode.Interactive, null, null, Array.Empty<string>());
        }

        public static string Usage =>
            "Usage: amips [-NoProfile] [-File <script.ps1> [arguments]] [-Command <command>] [-Help]" + Environment.NewLine +
            Environment.NewLine +
            "  -File <path> [args]  Runs a script; the arguments bind to its param() block or $args." + Environment.NewLine +
            "  -Command <text>      Runs a command (everything after -Command) and exits." + Environment.NewLine +
            "  -NoProfile           Accepted for pwsh compatibility; amips never reads a profile." + Environment.NewLine +
            "  -Help, -?            Shows this text." + Environment.NewLine +
            "  (no arguments)       An interactive prompt; 'exit' quits, Ctrl+C stops the running command." + Environment.NewLine +
            Environment.NewLine +
            "The AmiPs module is imported first: from $AMIPS_MODULE_PATH (the AmiPs.psd1 file or its folder) if set," + Environment.NewLine +
            "otherwise from out/AmiPs/AmiPs.psd1 in a folder above amips." + Environment.NewLine +
            "Exit code: the script's 'exit N'; 1 after a terminating error (and, for -Command, when the last command failed);" + Environment.NewLine +
            "130 when Ctrl+C stopped it; 64 for a bad command line; 70 when the module cannot be imported; otherwise 0.";

        private static ShellOptions ForFile(IReadOnlyList<string> args, int pathIndex) =>
            new ShellOptions(ShellMode.File, args[pathIndex], null, Rest(args, pathIndex + 1));

        private static bool IsSwitch(string arg) => arg.Length > 1 && (arg[0] == '-' || arg[0] == '/') || arg == "-?" || arg == "/?";

        private static string Resolve(string arg)
        {
            var name = arg.TrimStart('-', '/');
            if (name == "?" || name.Equals("h", StringComparison.OrdinalIgnoreCase))
            {
                return "Help";
            }

            string? match = null;
            foreach (var candidate in Names)
            {
                if (candidate.StartsWith(name, StringComparison.OrdinalIgnoreCase))
                {
                    if (match is not null)
                    {
                        throw new ArgumentException($"'{arg}' is ambiguous: it could be -{match} or -{candidate}.");
                    }

                    match = candidate;
                }
            }

            return match ?? throw new ArgumentException($"Unknown parameter '{arg}'. Run amips -Help for the usage.");
        }

        private static string[] Rest(IReadOnlyList<string> args, int start)
        {
            var rest = new string[Math.Max(0, args.Count - start)];
            for (var i = 0; i < rest.Length; i++)
            {
                rest[i] = args[start + i];
            }

            return rest;
        }
    }
}
