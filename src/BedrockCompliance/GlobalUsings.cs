// The namespaces nearly every cmdlet-assembly file uses, once (netstandard2.0 with C# latest supports global usings).
global using System;
global using System.Collections.Generic;
global using System.Linq;
global using System.Management.Automation;
global using System.Threading;
global using System.Threading.Tasks;
global using BedrockCompliance.Commands.Bases;
global using BedrockCompliance.Commands.Hosting;
global using BedrockCompliance.Engine.Accounts;
