using System;

namespace AmiPs.Shell
{
    /// <summary>
    /// ConsoleColor as ANSI SGR sequences, written into the stream itself: Console.ForegroundColor on Unix writes its codes
    /// to the terminal behind stdout, which would color (or corrupt) the wrong stream when only stderr is a terminal.
    /// </summary>
    internal static class AnsiColors
    {
        /// <summary>Default foreground and background, as .NET's Console.ResetColor writes it.</summary>
        public const string Reset = "\u001b[39;49m";

        // Indexed by ConsoleColor: Black, DarkBlue, DarkGreen, DarkCyan, DarkRed, DarkMagenta, DarkYellow, Gray,
        // DarkGray, Blue, Green, Cyan, Red, Magenta, Yellow, White.
        private static readonly int[] Foreground = { 30, 34, 32, 36, 31, 35, 33, 37, 90, 94, 92, 96, 91, 95, 93, 97 };

        public static string Set(ConsoleColor foreground, ConsoleColor? background)
        {
            var code = "\u001b[" + Foreground[(int)foreground & 15];
            if (background is { } b)
            {
                code += ";" + (Foreground[(int)b & 15] + 10);
            }

            return code + "m";
        }
    }
}
