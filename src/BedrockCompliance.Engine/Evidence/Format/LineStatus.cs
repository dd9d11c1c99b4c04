namespace BedrockCompliance.Engine.Evidence;

internal enum LineStatus { Record, Torn, NotJson, InvalidUtf8, Malformed }
