// The namespaces nearly every engine file uses, once (netstandard2.0 with C# latest supports global usings).
global using System;
global using System.Collections.Generic;
global using System.IO;
global using System.Linq;
global using System.Text;
global using System.Threading;
global using System.Threading.Tasks;
