using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace AmiPs.Commands
{
    /// <summary>
    /// Lets <c>-Session</c> take a session's name as well as the session: <c>-Session office</c>, and, by property name,
    /// the <c>Session</c> (a name) of a call or an extension piped in, so <c>Get-AmiCall -Session $a | Stop-AmiCall</c>
    /// acts on <c>$a</c>. Names are looked up among the current runspace's sessions; anything else passes through.
    /// </summary>
    public sealed class AmiSessionTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string name)
            {
                return Lookup(name);
            }

            if (value is IEnumerable items and not IDictionary)
            {
                var result = new List<object?>();
                foreach (var item in items)
                {
                    var element = item is PSObject inner ? inner.BaseObject : item;
                    result.Add(element is string itemName ? Lookup(itemName) : element);
                }

                return result.ToArray();
            }

            return inputData;
        }

        private static object Lookup(string name) =>
            AmiSessionStore.Find(name) ?? throw new ArgumentTransformationMetadataException(
                $"No AMI session named '{name}' in this runspace (sessions belong to the runspace that connected them; Get-AmiSession lists them).");
    }
}
