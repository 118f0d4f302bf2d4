namespace AmiPs.ReadyToRun
{
    /// <summary>Only here so the publish compiles the referenced module assemblies ahead of time.</summary>
    public static class Program
    {
        public static void Main() => System.Console.WriteLine(typeof(AmiPs.Commands.AmiEventAdapter).Assembly.Location);
    }
}
