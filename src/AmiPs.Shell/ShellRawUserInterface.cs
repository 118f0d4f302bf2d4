using System;
using System.Management.Automation.Host;

namespace AmiPs.Shell
{
    /// <summary>
    /// The window as the formatter sees it. Tables are laid out to <see cref="BufferSize"/>'s width: the console window's
    /// width on a terminal, 120 columns when output is redirected (so logs and tests get stable, untruncated tables).
    /// </summary>
    internal sealed class ShellRawUserInterface : PSHostRawUserInterface
    {
        public const int RedirectedWidth = 120;

        // As tall as pwsh reports a redirected buffer; the formatter only needs it to be large.
        private const int BufferHeight = 9001;

        private readonly ShellConsole _console;
        private string _windowTitle = "amips";

        public ShellRawUserInterface(ShellConsole console)
        {
            _console = console;
        }

        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

        public override Size BufferSize
        {
            get => new Size(Width, BufferHeight);
            set
            {
                // The buffer is the terminal's; a script cannot resize it here.
            }
        }

        public override Coordinates CursorPosition
        {
            get => _console.OutputIsTerminal ? new Coordinates(Console.CursorLeft, Console.CursorTop) : new Coordinates(0, 0);
            set
            {
                if (_console.OutputIsTerminal)
                {
                    Console.SetCursorPosition(value.X, value.Y);
                }
            }
        }

        public override int CursorSize { get; set; } = 25;

        public override bool KeyAvailable => _console.InputIsTerminal && Console.KeyAvailable;

        public override Size MaxPhysicalWindowSize => WindowSize;

        public override Size MaxWindowSize => WindowSize;

        public override Coordinates WindowPosition { get; set; }

        public override Size WindowSize
        {
            get => new Size(Width, _console.OutputIsTerminal ? SafeWindowHeight() : BufferHeight);
            set
            {
            }
        }

        public override string WindowTitle
        {
            get => _windowTitle;
            set => _windowTitle = value ?? string.Empty;
        }

        private int Width
        {
            get
            {
                if (!_console.OutputIsTerminal)
                {
                    return RedirectedWidth;
                }

                try
                {
                    var width = Console.WindowWidth;
                    return width > 0 ? width : RedirectedWidth;
                }
                catch (System.IO.IOException)
                {
                    return RedirectedWidth;
                }
            }
        }

        public override KeyInfo ReadKey(ReadKeyOptions options)
        {
            if (!_console.InputIsTerminal)
            {
                throw new NotSupportedException("amips cannot read a key: standard input is not a terminal.");
            }

            var key = Console.ReadKey(intercept: (options & ReadKeyOptions.NoEcho) != 0);
            return new KeyInfo((int)key.Key, key.KeyChar, ToControlKeyStates(key.Modifiers), keyDown: true);
        }

        public override void FlushInputBuffer()
        {
        }

        public override BufferCell[,] GetBufferContents(Rectangle rectangle) =>
            throw new NotSupportedException("amips cannot read the screen buffer.");

        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) =>
            throw new NotSupportedException("amips cannot scroll the screen buffer.");

        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) =>
            throw new NotSupportedException("amips cannot write the screen buffer.");

        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) =>
            throw new NotSupportedException("amips cannot write the screen buffer.");

        private static int SafeWindowHeight()
        {
            try
            {
                return Math.Max(1, Console.WindowHeight);
            }
            catch (System.IO.IOException)
            {
                return BufferHeight;
            }
        }

        private static ControlKeyStates ToControlKeyStates(ConsoleModifiers modifiers)
        {
            ControlKeyStates states = 0;
            if ((modifiers & ConsoleModifiers.Alt) != 0)
            {
                states |= ControlKeyStates.LeftAltPressed;
            }

            if ((modifiers & ConsoleModifiers.Control) != 0)
            {
                states |= ControlKeyStates.LeftCtrlPressed;
            }

            if ((modifiers & ConsoleModifiers.Shift) != 0)
            {
                states |= ControlKeyStates.ShiftPressed;
            }

            return states;
        }
    }
}
