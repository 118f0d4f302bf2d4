using System;
using System.Collections.Generic;
using System.Management.Automation;
using AmiPs.Monitoring;

namespace AmiPs.Commands
{
    /// <summary>Collects pipeline input into health results; anything else is a non-terminating error naming it.</summary>
    internal static class AmiHealthResultCollector
    {
        public static void Collect(Cmdlet cmdlet, PSObject[]? input, List<AmiHealthResult> into)
        {
            foreach (var item in input ?? Array.Empty<PSObject>())
            {
                if (item is null)
                {
                    continue;
                }

                if (AmiHealthResultInput.Read(item) is { } result)
                {
                    into.Add(result);
                }
                else
                {
                    var error = new ArgumentException($"'{item}' is not a health result: pipe the output of Test-AmiHealth (objects with Check and Status).");
                    cmdlet.WriteError(AmiErrorIds.NotAHealthResult.Record(error, item));
                }
            }
        }
    }
}
