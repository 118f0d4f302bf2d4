using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AmiPs.Commands
{
    /// <summary>
    /// Loads AmiPs.Core (precompiled where possible) and keeps the module's third-party dependencies (such as
    /// Microsoft.Extensions.Logging.Abstractions) from clashing with other versions loaded by PowerShell or other
    /// modules: the pattern of PowerShell's "resolving module assembly conflicts". AmiPs' own assemblies stay in the
    /// default context; what the runtime itself does not provide is loaded into a module-private AssemblyLoadContext,
    /// and the default context is pointed there when AmiPs asks for it.
    /// Windows PowerShell 5.1 has no load contexts: there AppDomain.AssemblyResolve finds the files.
    /// </summary>
    /// <remarks>
    /// It runs as the assembly's module initializer. PowerShell creates the type adapter named in the manifest's type
    /// data (AmiPs.Commands.AmiEventAdapter) before it looks up the adapted types of AmiPs.Core, so this is the first
    /// code of AmiPs that runs, and it loads AmiPs.Core then, before anything binds to it: the manifest names only
    /// AmiPs.dll in RequiredAssemblies for that reason. On PowerShell 7.6 (.NET 10) on an OS and CPU the build made a
    /// ReadyToRun image for (Dependencies/&lt;rid&gt;/, build/ReadyToRun.targets), that image is loaded: the same
    /// metadata as the IL copy, plus native code, so the first commands run without JIT-compiling AmiPs.Core. Anywhere
    /// else, or when the image is refused, the IL copy in Dependencies/ is loaded, as before.
    /// AmiPs.dll targets netstandard2.0, where AssemblyLoadContext does not exist, so it is reached by reflection.
    /// A host that already carries AmiPs.Core itself (such as the test host) keeps its own copies: no isolation.
    /// </remarks>
    internal static class ModuleAssemblyLoader
    {
        private const string DependencyFolder = "Dependencies";
        private const string CoreAssembly = "AmiPs.Core";

        /// <summary>The .NET major version the ReadyToRun images are compiled for (net10.0 in build/ReadyToRun/).</summary>
        internal const int ReadyToRunRuntimeMajor = 10;

        private static readonly Dictionary<string, Assembly> Isolated = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        private static string s_dependencyPath = string.Empty;
        private static string? s_nativePath;
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
                Assembly.LoadFrom(Path.Combine(s_dependencyPath, CoreAssembly + ".dll"));
                return;
            }

            if (HostCarries(CoreAssembly))
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromFolder;
                return;
            }

            IsolateIn(loadContextType);
            LoadOwn(CoreAssembly);
        }

        /// <summary>
        /// Dependencies/&lt;rid&gt;/ when this process can run the images there: .NET <see cref="ReadyToRunRuntimeMajor"/>
        /// and the runtime identifier they were compiled for (an image for another OS or CPU does not load at all).
        /// </summary>
        internal static string? PickReadyToRunFolder(string dependencyPath, Version runtime, string? runtimeIdentifier)
        {
            if (runtime.Major != ReadyToRunRuntimeMajor || string.IsNullOrEmpty(runtimeIdentifier))
            {
                return null;
            }

            var folder = Path.Combine(dependencyPath, runtimeIdentifier);
            return File.Exists(Path.Combine(folder, CoreAssembly + ".dll")) ? folder : null;
        }

        private static void IsolateIn(Type loadContextType)
        {
            var context = Activator.CreateInstance(loadContextType, "AmiPs", false)!;
            var loadFromPath = loadContextType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })!;
            var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
            foreach (var file in Directory.GetFiles(s_dependencyPath, "*.dll"))
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
            s_nativePath = PickReadyToRunFolder(s_dependencyPath, Environment.Version, CurrentRuntimeIdentifier());
        }

        // One of AmiPs' own assemblies into the default context: the ReadyToRun image when there is one for this
        // process, else the IL copy. An image for another OS or CPU is never tried: the runtime refuses it with
        // BadImageFormatException and then refuses that assembly name from any file, the IL copy included.
        private static Assembly? LoadOwn(string simpleName)
        {
            var file = simpleName + ".dll";
            var native = s_nativePath is null ? null : Path.Combine(s_nativePath, file);
            if (native is not null && File.Exists(native) && IsImageForThisProcess(native))
            {
                return s_loadIntoDefault!(native);
            }

            var il = Path.Combine(s_dependencyPath, file);
            return File.Exists(il) ? s_loadIntoDefault!(il) : null;
        }

        /// <summary>
        /// Whether the PE machine field is this process's: a ReadyToRun image records its CPU there, XORed with a
        /// value for its OS (0 Windows, 0x7B79 Linux, 0x4644 macOS, 0xADC4 FreeBSD), which is what the runtime checks.
        /// </summary>
        internal static bool IsImageForThisProcess(string path)
        {
            ushort cpu;
            switch (RuntimeInformation.ProcessArchitecture)
            {
                case Architecture.X64: cpu = 0x8664; break;
                case Architecture.Arm64: cpu = 0xAA64; break;
                case Architecture.X86: cpu = 0x014C; break;
                case Architecture.Arm: cpu = 0x01C4; break;
                default: return false;
            }

            ushort os;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) { os = 0; }
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) { os = 0x7B79; }
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) { os = 0x4644; }
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.Create("FREEBSD"))) { os = 0xADC4; }
            else { return false; }

            try
            {
                using var stream = File.OpenRead(path);
                using var reader = new BinaryReader(stream);
                if (stream.Length < 0x40)
                {
                    return false;
                }

                stream.Position = 0x3C; // e_lfanew: where the PE header starts
                var header = reader.ReadInt32();
                if (header <= 0 || header > stream.Length - 6)
                {
                    return false;
                }

                stream.Position = header;
                return reader.ReadUInt32() == 0x00004550 /* "PE\0\0" */ && reader.ReadUInt16() == (ushort)(cpu ^ os);
            }
            catch (IOException)
            {
                return false;
            }
        }

        // RuntimeInformation.RuntimeIdentifier (.NET 5+; on .NET 8+ the portable one: linux-x64, linux-musl-x64,
        // win-arm64, osx-arm64 ...), read by reflection since netstandard2.0 lacks it.
        private static string? CurrentRuntimeIdentifier() =>
            typeof(RuntimeInformation).GetProperty("RuntimeIdentifier", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string;

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

            return simple.StartsWith("AmiPs.", StringComparison.OrdinalIgnoreCase) ? LoadOwn(simple) : null;
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
            foreach (var path in platform.Split(Path.PathSeparator))
            {
                if (string.Equals(Path.GetFileNameWithoutExtension(path), assemblyName, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
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
