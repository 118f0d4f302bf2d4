using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace AmiPs.Tracking
{
    /// <summary>
    /// A read-only list whose text is its items' text joined by <c>", "</c>: <c>Export-Csv</c> and <c>ConvertTo-Csv</c>
    /// write a property's <c>ToString()</c> (type data cannot change it), so a call's <c>Channels</c> and <c>Bridges</c>
    /// read as channel names instead of <c>System.Collections.ObjectModel.ReadOnlyCollection`1[...]</c>. Still a list
    /// for scripts and for <c>ConvertTo-Json</c> (an array).
    /// </summary>
    internal sealed class AmiTextList<T> : ReadOnlyCollection<T>
    {
        public AmiTextList(IList<T> items)
            : base(items)
        {
        }

        public override string ToString() => string.Join(", ", this);
    }
}
