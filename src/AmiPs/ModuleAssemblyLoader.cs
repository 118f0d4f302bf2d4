using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace AmiPs.Commands
{
    /// <summary>
    /// Keeps the module's dependencies (AmiPs.Core and the libraries it uses, such as
    /// Microsoft.Extensions.Logging.Abstractions) from clashing with other versions loaded by PowerShell or other
    /// modules: the pattern of PowerShell's "resolving module assembly conflicts". AmiPs.dll stays in the default
    /// context; everything in <c>Dependencies/</c> that the runtime itself does not provide is loaded into a
    /// module-private AssemblyLoadContext, and the default context is pointed there when AmiPs.dll asks for it.
    /// Windows PowerShell 5.1 has no load contexts: there AppDomain.AssemblyResolve finds the files.
    /// </summary>
    /// <remarks>
    /// It runs as the assembly's module initializer, that is before PowerShell can touch any type of AmiPs.dll,
    /// because the manifest's type data names types of AmiPs.Core, which must be loaded (in its context) by then.
    /// AmiPs.dll targets netstandard2.0, where AssemblyLoadContext does not exist, so it is reached by reflection.
    /// A host that already carries AmiPs.Core itself (such as the test host) keeps its own copies: no isolation.
    /// </remarks>
    internal static class ModuleAssemblyLoader
    {
        private const string DependencyFolder = "Dependencies";
        private static readonly Dictionary<string, Assembly> Isolated = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        private static string s_dependencyPath = string.Empty;
        private static Func<string, Assembly>? s_loadIntoDefault;

        /// <summary>The private context's name, or null when none was made (Windows PowerShell, or a host that links AmiPs.Core).</summary>
        internal static string? ContextName { get; private set; }

        [ModuleInitializer]
        internal static void Initialize()
        {
            s_dependencyPath = Path.Combine(Path.GetDirectoryName(typeof(ModuleAssemblyLoader).Assembly.Location) ?? string.Empty, DependencyFolder);
            if (!Directory.Exists(s_dependencyPath))
            {
                return; // an unusual layout (everything side by side): nothing to isolate
            }

            var loadContextType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader", throwOnError: false);
            if (loadContextType is null)
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromFolder;
                return;
            }

            if (HostCarries("AmiPs.Core"))
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromFolder;
                return;
            }

            IsolateIn(loadContextType);
        }

        private static void IsolateIn(Type loadContextType)
        {
            var context = Activator.CreateInstance(loadContextType, "AmiPs", false)!;
            var loadFromPath = loadContextType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })!;
            var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
            foreach (var file in Directory.GetFiles(s_dependencyPath, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            {
                // What the runtime ships (System.Memory, System.IO.Pipelines ...) must stay the runtime's: its types are
                // shared. AmiPs' own assemblies stay in the default context too, so PowerShell can see their types
                // (type data, views, [AmiPs.Client.AmiSession] in scripts); only third-party libraries are hidden.
                var name = Path.GetFileNameWithoutExtension(file);
                if (File.Exists(Path.Combine(runtimeDirectory, Path.GetFileName(file))) || name.StartsWith("AmiPs.", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var assembly = (Assembly)loadFromPath.Invoke(context, new object[] { file })!;
                Isolated[assembly.GetName().Name!] = assembly;
            }

            var defaultContext = loadContextType.GetProperty("Default")!.GetValue(null)!;
            s_loadIntoDefault = path => (Assembly)loadFromPath.Invoke(defaultContext, new object[] { path })!;
            var resolving = loadContextType.GetEvent("Resolving")!;
            var handler = Delegate.CreateDelegate(resolving.EventHandlerType!, typeof(ModuleAssemblyLoader).GetMethod(nameof(ResolveIsolated), BindingFlags.NonPublic | BindingFlags.Static)!);
            resolving.AddEventHandler(defaultContext, handler);
            ContextName = "AmiPs";
        }

        // The default context asks when AmiPs.Core needs a library it cannot find: hand over the private copy. AmiPs'
        // own assemblies (AmiPs.Simulator; AmiPs.Core when a host loads AmiPs.dll first) join the default context.
        private static Assembly? ResolveIsolated(object context, AssemblyName name)
        {
            if (name.Name is not { } simple)
            {
                return null;
            }

            if (Isolated.TryGetValue(simple, out var assembly))
            {
                return assembly;
            }

            var own = Path.Combine(s_dependencyPath, simple + ".dll");
            return simple.StartsWith("AmiPs.", StringComparison.OrdinalIgnoreCase) && File.Exists(own) ? s_loadIntoDefault?.Invoke(own) : null;
        }

        private static Assembly? ResolveFromFolder(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            var path = Path.Combine(s_dependencyPath, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }

        private static bool HostCarries(string assemblyName)
        {
            var platform = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
            return platform.Split(Path.PathSeparator).Any(path => string.Equals(Path.GetFileNameWithoutExtension(path), assemblyName, StringComparison.OrdinalIgnoreCase));
        }
    }
}

#if !NET5_0_OR_GREATER
namespace System.Runtime.CompilerServices
{
    /// <summary>The compiler recognises this attribute by name; netstandard2.0 does not define it.</summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    internal sealed class ModuleInitializerAttribute : Attribute
    {
    }
}
#endif
