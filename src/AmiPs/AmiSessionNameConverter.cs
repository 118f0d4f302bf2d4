using System;
using System.Management.Automation;
using AmiPs.Client;

namespace AmiPs.Commands
{
    /// <summary>
    /// Turns a session's name into the session when PowerShell coerces a string to <see cref="AmiSession"/>
    /// (<c>-Session office</c>, or a piped call's <c>Session</c> by property name), with an error that says where
    /// sessions live when no session has that name. A conversion, not a transformation, so a string piped by value
    /// (<c>'support' | Get-AmiQueue</c>) binds to the cmdlet's name parameter instead of failing on -Session.
    /// Registered for AmiSession in AmiPs.types.ps1xml.
    /// </summary>
    public sealed class AmiSessionNameConverter : PSTypeConverter
    {
        public override bool CanConvertFrom(object sourceValue, Type destinationType) =>
            destinationType == typeof(AmiSession) && Unwrap(sourceValue) is string;

        public override object ConvertFrom(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase)
        {
            var name = Unwrap(sourceValue) as string ?? throw new PSInvalidCastException("Only a session's name converts to an AMI session.");
            return AmiSessionStore.Find(name) ?? throw new PSInvalidCastException(NotFound(name));
        }

        public override bool CanConvertTo(object sourceValue, Type destinationType) => false;

        public override object ConvertTo(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
            throw new PSInvalidCastException("An AMI session converts to nothing else.");

        internal static string NotFound(string name) =>
            $"No AMI session named '{name}' in this runspace (sessions belong to the runspace that connected them; Get-AmiSession lists them).";

        private static object? Unwrap(object value) => value is PSObject wrapped ? wrapped.BaseObject : value;
    }
}
