namespace AmiPs.Protocol
{
    /// <summary>One <c>Key: Value</c> line of an AMI message. Keys keep the case the peer sent.</summary>
    public readonly struct AmiField
    {
        public AmiField(string key, string value)
        {
            Key = key ?? string.Empty;
            Value = value ?? string.Empty;
        }

        public string Key { get; }

        public string Value { get; }

        public override string ToString() => Key + ": " + Value;
    }
}
