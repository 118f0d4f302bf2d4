using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Reflection;
using AmiPs.Events;

namespace AmiPs.Commands
{
    /// <summary>
    /// Makes every field of an event a PowerShell property, without NoteProperties per event: the event's real .NET
    /// properties (typed: <c>$e.Cause</c> is an int, <c>$e.CallerIDName</c> unescaped) plus one property per field
    /// whose key is not already a real property, nor read by one under another name (<c>[ReadsField]</c>: no
    /// <c>Cause-txt</c> next to <c>CauseText</c>) (<c>$e.BridgeTechnology</c>, <c>$e.DestChannel</c>,
    /// <c>$e.SomeFieldNewerThanAmiPs</c>), read from the message when asked. Keys ignore case; a repeated key gives its
    /// first value (<c>GetFieldValues</c> gives all); an empty key from a malformed line is skipped. Methods
    /// (<c>GetField</c>, ...) still come from the .NET adapter behind this one.
    /// </summary>
    /// <remarks>
    /// Registered in AmiPs.types.ps1xml with a <c>TypeAdapter</c> entry for AmiEvent and for each event class:
    /// PowerShell looks type adapters up by the object's exact type name, so a base-class entry alone does not reach
    /// derived classes. Each class's properties are found by reflection once and cached.
    /// </remarks>
    public sealed class AmiEventAdapter : PSPropertyAdapter
    {
        private static readonly ConcurrentDictionary<Type, EventShape> Shapes = new ConcurrentDictionary<Type, EventShape>();
        private static readonly Func<Type, EventShape> BuildShape = type => new EventShape(type);
        private static readonly string FieldTypeName = typeof(string).FullName!;

        public override Collection<PSAdaptedProperty> GetProperties(object baseObject)
        {
            var amiEvent = AsEvent(baseObject);
            var shape = ShapeOf(amiEvent);
            var result = new Collection<PSAdaptedProperty>();
            foreach (var property in shape.Properties)
            {
                result.Add(new PSAdaptedProperty(property.Name, property));
            }

            HashSet<string>? added = null;
            var fields = amiEvent.Fields;
            for (var i = 0; i < fields.Count; i++)
            {
                var key = fields[i].Key;
                if (key.Length == 0 || shape.Covered.Contains(key))
                {
                    continue;
                }

                added ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                if (added.Add(key))
                {
                    result.Add(new PSAdaptedProperty(key, key));
                }
            }

            return result;
        }

        public override PSAdaptedProperty? GetProperty(object baseObject, string propertyName)
        {
            if (string.IsNullOrEmpty(propertyName))
            {
                return null;
            }

            var amiEvent = AsEvent(baseObject);
            if (ShapeOf(amiEvent).ByName.TryGetValue(propertyName, out var property))
            {
                return new PSAdaptedProperty(property.Name, property);
            }

            var fields = amiEvent.Fields;
            for (var i = 0; i < fields.Count; i++)
            {
                var key = fields[i].Key;
                if (string.Equals(key, propertyName, StringComparison.OrdinalIgnoreCase))
                {
                    return new PSAdaptedProperty(key, key);
                }
            }

            return null;
        }

        public override bool IsGettable(PSAdaptedProperty adaptedProperty) => true;

        // Events are immutable: nothing to set, real property or field.
        public override bool IsSettable(PSAdaptedProperty adaptedProperty) => false;

        public override object? GetPropertyValue(PSAdaptedProperty adaptedProperty)
        {
            if (adaptedProperty is null)
            {
                throw new ArgumentNullException(nameof(adaptedProperty));
            }

            var amiEvent = AsEvent(adaptedProperty.BaseObject);
            return adaptedProperty.Tag switch
            {
                RealProperty property => property.Get(amiEvent),
                string key => amiEvent.GetField(key),
                _ => null,
            };
        }

        public override void SetPropertyValue(PSAdaptedProperty adaptedProperty, object value) =>
            throw new NotSupportedException("AmiPs events are read-only.");

        public override string GetPropertyTypeName(PSAdaptedProperty adaptedProperty) =>
            adaptedProperty?.Tag is RealProperty property ? property.TypeName : FieldTypeName;

        private static AmiEvent AsEvent(object? baseObject) =>
            baseObject as AmiEvent ?? throw new ArgumentException("AmiEventAdapter adapts AmiPs.Events.AmiEvent objects only.", nameof(baseObject));

        private static EventShape ShapeOf(AmiEvent amiEvent) => Shapes.GetOrAdd(amiEvent.GetType(), BuildShape);

        /// <summary>
        /// The public instance properties of one event class, base class first. A class's own declarations are read
        /// once and shared by its subclasses (the 20-odd properties of <see cref="AmiEvent"/> are not rebuilt for each
        /// of the 50 event classes): a fresh process meets a new class every few events at first, and what that costs
        /// is time the pipeline does not spend taking events.
        /// </summary>
        private sealed class EventShape
        {
            private static readonly ConcurrentDictionary<Type, Declaration> Declarations = new ConcurrentDictionary<Type, Declaration>();
            private static readonly Func<Type, Declaration> Declare = type => new Declaration(type);

            public EventShape(Type type)
            {
                var chain = new List<Type>();
                for (var t = type; t is not null && typeof(AmiEvent).IsAssignableFrom(t); t = t.BaseType)
                {
                    chain.Insert(0, t);
                }

                var properties = new List<RealProperty>();
                ByName = new Dictionary<string, RealProperty>(StringComparer.OrdinalIgnoreCase);
                Covered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var declaring in chain)
                {
                    var declaration = Declarations.GetOrAdd(declaring, Declare);
                    Covered.UnionWith(declaration.ReadFields);
                    foreach (var property in declaration.Properties)
                    {
                        // An override keeps the base's place.
                        if (!ByName.ContainsKey(property.Name))
                        {
                            properties.Add(property);
                            ByName.Add(property.Name, property);
                            Covered.Add(property.Name);
                        }
                    }
                }

                Properties = properties.ToArray();
            }

            public RealProperty[] Properties { get; }

            public Dictionary<string, RealProperty> ByName { get; }

            /// <summary>Field keys a typed property already shows: the property names and their <see cref="ReadsFieldAttribute"/> names.</summary>
            public HashSet<string> Covered { get; }
        }

        /// <summary>What one class itself declares: its public properties in declaration order, and the raw fields they read.</summary>
        private sealed class Declaration
        {
            public Declaration(Type type)
            {
                var declared = type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
                Array.Sort(declared, (a, b) => a.MetadataToken.CompareTo(b.MetadataToken));
                var properties = new List<RealProperty>(declared.Length);
                var readFields = new List<string>();
                foreach (var info in declared)
                {
                    // Raw fields read under another name (Cause-txt for CauseText), an override's too: not listed twice.
                    if (info.GetCustomAttribute<ReadsFieldAttribute>() is { } field)
                    {
                        readFields.AddRange(field.Names);
                    }

                    // The indexer is not a property to PowerShell users.
                    if (info.GetIndexParameters().Length == 0 && info.GetMethod is { IsPublic: true })
                    {
                        properties.Add(new RealProperty(info));
                    }
                }

                Properties = properties.ToArray();
                ReadFields = readFields.ToArray();
            }

            public RealProperty[] Properties { get; }

            public string[] ReadFields { get; }
        }

        /// <summary>
        /// One typed property. Read by reflection, not by a compiled delegate: compiling a getter costs a fresh process
        /// about half a millisecond each (a thousand of them for the event classes), where reflection's own invoker
        /// costs tens of nanoseconds a read against the microseconds PowerShell spends around each one.
        /// </summary>
        private sealed class RealProperty
        {
            private readonly PropertyInfo _info;

            public RealProperty(PropertyInfo info)
            {
                _info = info;
                Name = info.Name;
                TypeName = info.PropertyType.FullName ?? info.PropertyType.Name;
            }

            public string Name { get; }

            public string TypeName { get; }

            public object? Get(object instance) => _info.GetValue(instance);
        }
    }
}
