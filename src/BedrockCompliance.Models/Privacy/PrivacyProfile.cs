namespace BedrockCompliance;

/// <summary>Requirement presets of Test-BedrockDataPrivacy -Profile; explicit parameters win over them.</summary>
// long-based so that ConvertTo-Json writes the name: PowerShell writes 64-bit enums as text, 32-bit ones as numbers.
public enum PrivacyProfile : long
{
    /// <summary>Zero data retention (-MaximumDataRetention None), an enforced guardrail required, no prompt or response data logged.</summary>
    Strict,
    /// <summary>AWS's default retention allowed (-MaximumDataRetention Default), enforced guardrail reported only, logging reported only.</summary>
    Standard,
}
