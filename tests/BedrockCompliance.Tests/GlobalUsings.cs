// xunit in every test file, once (the SDK's implicit usings bring System, System.IO, System.Linq, collections and tasks).
global using Xunit;
