namespace AmiPs.Client
{
    /// <summary>The PBX lacks the module a request needs (<c>app_queue</c>, <c>res_pjsip</c>, ...): not an empty answer, a missing feature.</summary>
    public sealed class AmiModuleMissingException : AmiException
    {
        public AmiModuleMissingException(string module, string message)
            : base(message)
        {
            Module = module;
        }

        /// <summary>The Asterisk module that is not loaded (<c>app_queue</c>).</summary>
        public string Module { get; }
    }
}
