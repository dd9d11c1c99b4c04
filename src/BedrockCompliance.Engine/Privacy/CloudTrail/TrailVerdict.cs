namespace BedrockCompliance.Engine.Privacy.CloudTrail;

public enum TrailVerdict { Covers, NotLogging, DeliveryFailing, MissingManagementEvents, Unknown }
