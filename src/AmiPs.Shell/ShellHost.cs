using System;
using System.Globalization;
using System.Management.Automation.Host;
using System.Reflection;

namespace AmiPs.Shell
{
    /// <summary>
    /// The PSHost the engine talks to: it owns the console UI and records <c>exit N</c>, which the engine reports
    /// through <see cref="SetShouldExit"/> when a top-level script or command exits.
    /// </summary>
    internal sealed class ShellHost : PSHost
    {
        private static readonly Version HostVersion = typeof(ShellHost).Assembly.GetName().Version ?? new Version(0, 0);

        private readonly ShellHostUserInterface _ui;
        private readonly Guid _instanceId = Guid.NewGuid();
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public ShellHost(ShellConsole console)
        {
            _ui = new ShellHostUserInterface(console);
        }

        public override string Name => "amips";

        public override Version Version => HostVersion;

        public override Guid InstanceId => _instanceId;

        public override PSHostUserInterface UI => _ui;

        public ShellHostUserInterface ShellUI => _ui;

        public override CultureInfo CurrentCulture => _culture;

        public override CultureInfo CurrentUICulture => _uiCulture;

        /// <summary>True once a script or command ran <c>exit</c>; <see cref="ExitCode"/> is then its argument.</summary>
        public bool ShouldExit { get; private set; }

        public int ExitCode { get; private set; }

        public override void SetShouldExit(int exitCode)
        {
            ShouldExit = true;
            ExitCode = exitCode;
        }

        public override void EnterNestedPrompt() =>
            throw new NotSupportedException("amips has no nested prompt (no debugger, no $Host.EnterNestedPrompt()).");

        public override void ExitNestedPrompt() =>
            throw new NotSupportedException("amips has no nested prompt.");

        public override void NotifyBeginApplication()
        {
        }

        public override void NotifyEndApplication()
        {
        }

        /// <summary>The product version without the build's "+commit" suffix.</summary>
        internal static string DisplayVersion =>
            (typeof(ShellHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? HostVersion.ToString()).Split('+')[0];
    }
}
