// The emulator's own vocabulary, once: the wire types (Protocols), the state (State) and JSON nodes are used by most of
// its files (the SDK's implicit usings bring System, collections, IO, LINQ and tasks).
global using System.Text.Json.Nodes;
global using BedrockCompliance.Emulator.Protocols;
global using BedrockCompliance.Emulator.State;
