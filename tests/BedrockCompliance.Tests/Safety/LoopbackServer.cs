using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BedrockCompliance.Tests.Safety;

/// <summary>
/// A tiny HTTP/1.1 server on a loopback port for hostile answers an in-process handler cannot give (a streamed
/// gzip bomb, a redirect read by the real socket handler). Each connection serves one request, then closes.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    readonly Func<string, Stream, Task> _answer;
    readonly CancellationTokenSource _stop = new CancellationTokenSource();
    readonly Task _loop;
    int _requests;

    /// <param name="answer">Gets the request head (request line and headers) and the connection; writes the raw answer.</param>
    public LoopbackServer(Func<string, Stream, Task> answer)
    {
        _answer = answer;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Url => new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
    public int Requests => Volatile.Read(ref _requests);

    async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        var stream = client.GetStream();
                        string head = await ReadHeadAsync(stream);
                        Interlocked.Increment(ref _requests);
                        await _answer(head, stream);
                    }
                    catch (IOException) { } // the client hung up (as it should on a bomb)
                    catch (SocketException) { }
                    catch (ObjectDisposedException) { }
                }
            });
        }
    }

    /// <summary>Reads the head and any Content-Length body (discarded).</summary>
    static async Task<string> ReadHeadAsync(Stream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0) break;
            head.Append((char)one[0]);
        }
        string text = head.ToString();
        var match = System.Text.RegularExpressions.Regex.Match(text, @"(?im)^content-length:\s*(\d+)");
        if (match.Success)
        {
            int left = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var buf = new byte[8192];
            while (left > 0)
            {
                int n = await stream.ReadAsync(buf.AsMemory(0, Math.Min(buf.Length, left)));
                if (n == 0) break;
                left -= n;
            }
        }
        return text;
    }

    public static Task WriteAsync(Stream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
