using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace AmiPs.Tests.Api
{
    /// <summary>An assembly's public surface as sorted text lines: each public type, then each public or protected member.</summary>
    internal static class PublicApi
    {
        private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        public static List<string> Lines(Assembly assembly)
        {
            var lines = new List<string>();
            foreach (var type in assembly.GetExportedTypes())
            {
                lines.Add(Describe(type));
                foreach (var member in type.GetMembers(Declared))
                {
                    if (Visible(member) && !member.Name.StartsWith("<", StringComparison.Ordinal) && Describe(type, member) is { } line)
                    {
                        lines.Add(line);
                    }
                }
            }

            lines.Sort(StringComparer.Ordinal);
            return lines;
        }

        private static string Describe(Type type)
        {
            var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsSubclassOf(typeof(Delegate)) ? "delegate" : "class";
            var modifiers = type.IsAbstract && type.IsSealed ? "static " : type.IsAbstract && !type.IsInterface ? "abstract " : type.IsSealed && !type.IsValueType && !type.IsEnum ? "sealed " : string.Empty;
            var bases = new List<string>();
            if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
            {
                bases.Add(Name(baseType));
            }

            bases.AddRange(type.GetInterfaces().Select(Name).OrderBy(n => n, StringComparer.Ordinal));
            return $"{Name(type)} : {modifiers}{kind}{(bases.Count == 0 ? string.Empty : " : " + string.Join(", ", bases))}";
        }

        private static string? Describe(Type type, MemberInfo member)
        {
            var owner = Name(type) + ".";
            switch (member)
            {
                case ConstructorInfo ctor:
                    return $"{owner}.ctor({Parameters(ctor)}){Access(ctor)}";
                case MethodInfo method when !method.IsSpecialName || method.Name.StartsWith("op_", StringComparison.Ordinal):
                    var generic = method.IsGenericMethod ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;
                    return $"{owner}{method.Name}{generic}({Parameters(method)}) -> {Name(method.ReturnType)}{Access(method)}{(method.IsStatic ? " static" : string.Empty)}";
                case PropertyInfo property:
                    var accessors = new List<string>();
                    if (property.GetMethod is { } get && Visible(get))
                    {
                        accessors.Add("get");
                    }

                    if (property.SetMethod is { } set && Visible(set))
                    {
                        accessors.Add(set.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit") ? "init" : "set");
                    }

                    var index = property.GetIndexParameters();
                    var name = index.Length == 0 ? property.Name : $"this[{string.Join(", ", index.Select(p => Name(p.ParameterType)))}]";
                    var isStatic = (property.GetMethod ?? property.SetMethod)!.IsStatic ? " static" : string.Empty;
                    return $"{owner}{name} : {Name(property.PropertyType)} {{ {string.Join("; ", accessors)} }}{isStatic}";
                case FieldInfo field when type.IsEnum:
                    return field.IsStatic ? $"{owner}{field.Name} = {Convert.ToInt64(field.GetRawConstantValue())}" : null;
                case FieldInfo field:
                    return $"{owner}{field.Name} : {Name(field.FieldType)}{(field.IsLiteral ? " const" : field.IsInitOnly ? " readonly" : string.Empty)}{(field.IsStatic ? " static" : string.Empty)}";
                case EventInfo e:
                    return $"{owner}{e.Name} : event {Name(e.EventHandlerType!)}";
                case Type nested:
                    return null; // listed as a type of its own
                default:
                    return null;
            }
        }

        private static bool Visible(MemberInfo member) => member switch
        {
            MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
            FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
            PropertyInfo property => new[] { property.GetMethod, property.SetMethod }.Any(a => a is not null && Visible(a)),
            EventInfo e => e.AddMethod is { } add && Visible(add),
            _ => false,
        };

        private static string Access(MethodBase method) => method.IsPublic ? string.Empty : " protected";

        private static string Parameters(MethodBase method) =>
            string.Join(", ", method.GetParameters().Select(p => (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty) + Name(p.ParameterType) + (p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)));

        private static string Name(Type type)
        {
            if (type.IsByRef)
            {
                return Name(type.GetElementType()!);
            }

            if (type.IsArray)
            {
                return Name(type.GetElementType()!) + "[]";
            }

            if (type.IsGenericParameter)
            {
                return type.Name;
            }

            var name = type.IsNested ? Name(type.DeclaringType!) + "+" + type.Name : type.Namespace + "." + type.Name;
            if (!type.IsGenericType)
            {
                return name;
            }

            var tick = name.IndexOf('`');
            return (tick < 0 ? name : name.Substring(0, tick)) + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
        }
    }
}
