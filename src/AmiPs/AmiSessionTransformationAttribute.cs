using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace AmiPs.Commands
{
    /// <summary>
    /// Lets <c>-Session</c> take a session's name as well as the session: <c>-Session office</c>, and, by property name,
    /// the <c>Session</c> (a name) of a call or an extension piped in, so <c>Get-AmiCall -Session $a | Stop-AmiCall</c>
    /// acts on <c>$a</c>. Names are looked up among the current runspace's sessions; anything else, an unknown name too, passes through.
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

        // A name no session has passes through unchanged: a string piped by value then binds to the cmdlet's own name
        // parameter, and on the command line AmiSessionNameConverter's coercion error names the missing session.
        private static object Lookup(string name) => (object?)AmiSessionStore.Find(name) ?? name;
    }
}
