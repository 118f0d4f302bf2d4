using System;

namespace AmiPs.Events
{
    /// <summary>
    /// The raw fields a typed property is read from, where their names differ from the property's (<c>Cause-txt</c>
    /// for <c>CauseText</c>): PowerShell's event adapter then lists the value once, under the typed name, and JSON and
    /// CSV do not carry it twice. <c>$e.'Cause-txt'</c> still reads the raw field.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    internal sealed class ReadsFieldAttribute : Attribute
    {
        public ReadsFieldAttribute(params string[] names)
        {
            Names = names;
        }

        public string[] Names { get; }
    }
}
