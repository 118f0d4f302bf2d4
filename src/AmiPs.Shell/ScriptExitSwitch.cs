using System.Management.Automation.Runspaces;
using System.Reflection;

namespace AmiPs.Shell
{
    /// <summary>
    /// pwsh -File ends the process with the script's <c>exit N</c>. A script file normally swallows its own exit (it only
    /// sets $LASTEXITCODE), so pwsh's console host sets the engine's ExecutionContext.ScriptCommandProcessorShouldRethrowExit
    /// before running the file: the first script started then lets the exit through to the host (SetShouldExit).
    /// That switch is internal to System.Management.Automation, so it is reached by reflection here; if a later engine
    /// renames it, <see cref="TryEnable"/> returns false and the caller falls back to running the script's text.
    /// </summary>
    internal static class ScriptExitSwitch
    {
        private const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic;

        public static bool TryEnable(Runspace runspace)
        {
            var context = typeof(Runspace).GetProperty("ExecutionContext", Internal)?.GetValue(runspace);
            var flag = context?.GetType().GetProperty("ScriptCommandProcessorShouldRethrowExit", Internal);
            if (flag is null || flag.PropertyType != typeof(bool) || !flag.CanWrite)
            {
                return false;
            }

            flag.SetValue(context, true);
            return true;
        }
    }
}
