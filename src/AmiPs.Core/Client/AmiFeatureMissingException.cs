namespace AmiPs.Client
{
    /// <summary>
    /// The PBX lacks what was asked of it (no PJSIP and no chan_sip, no app_queue): said plainly, naming the module,
    /// instead of an empty list that looks healthy.
    /// </summary>
    public sealed class AmiFeatureMissingException : AmiException
    {
        public AmiFeatureMissingException(string feature, string message)
            : base(message)
        {
            Feature = feature;
        }

        /// <summary>What is missing, as a module name (<c>res_pjsip or chan_sip</c>, <c>app_queue</c>).</summary>
        public string Feature { get; }
    }
}
