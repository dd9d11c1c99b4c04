namespace BedrockCompliance.Engine.Privacy.CloudTrail;

internal enum TrailVerdict { Covers, NotLogging, DeliveryFailing, MissingManagementEvents, Unknown }
