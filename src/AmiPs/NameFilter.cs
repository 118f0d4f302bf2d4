using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace AmiPs.Commands
{
    /// <summary>
    /// <c>-Name</c> with wildcards, as Get-AmiEndpoint, Get-AmiRegistration and Get-AmiChannel take it: which names
    /// match, and an ObjectNotFound error for each literal name that matched nothing (a pattern that matches nothing
    /// is an empty answer, as Get-Process does it).
    /// </summary>
    internal sealed class NameFilter
    {
        private readonly string[] _names;
        private readonly WildcardPattern[] _patterns;
        private readonly bool[] _matched;

        public NameFilter(string[]? names)
        {
            _names = names is { Length: > 0 } ? names : new[] { "*" };
            _patterns = Array.ConvertAll(_names, n => new WildcardPattern(n, WildcardOptions.IgnoreCase));
            _matched = new bool[_names.Length];
        }

        /// <summary>No -Name, or only <c>*</c>: everything matches, nothing to test or report.</summary>
        public bool MatchesAll => Array.TrueForAll(_names, n => n == "*");

        public bool IsMatch(string name)
        {
            var any = false;
            for (var i = 0; i < _patterns.Length; i++)
            {
                if (_patterns[i].IsMatch(name))
                {
                    _matched[i] = true;
                    any = true;
                }
            }

            return any;
        }

        /// <summary>One error for each literal name nothing matched, naming the object kind (<c>endpoint</c>).</summary>
        public IEnumerable<ErrorRecord> NotFound(string kind, AmiErrorId errorId)
        {
            for (var i = 0; i < _names.Length; i++)
            {
                if (!_matched[i] && !WildcardPattern.ContainsWildcardCharacters(_names[i]))
                {
                    yield return errorId.Record(new ItemNotFoundException($"No {kind} named '{_names[i]}'."), _names[i]);
                }
            }
        }
    }
}
