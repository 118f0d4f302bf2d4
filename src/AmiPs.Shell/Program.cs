namespace AmiPs.Shell { internal static class Program { private static int Main() => 0; } }
