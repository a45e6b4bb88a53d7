using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RefusalSae.Engine.Tests.Datasets;

/// <summary>
/// A loopback HTTP/1.1 server for download tests: serves <see cref="Files"/> by path with a strong ETag, honours
/// Range with If-Range, and can cut the connection after <see cref="DropAfterBytes"/> body bytes (for the next
/// <see cref="DropsLeft"/> responses). Each request's path and range headers are recorded.
/// </summary>
public sealed class FakeUpstream : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Thread _thread;

    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);
    public List<(string Path, string? Range, string? IfRange)> Requests { get; } = [];
    public long DropAfterBytes { get; set; } = long.MaxValue;
    public int DropsLeft { get; set; }
    public string ETag { get; set; } = "\"v1\"";

    public FakeUpstream()
    {
        _listener.Start();
        _thread = new Thread(Serve) { IsBackground = true };
        _thread.Start();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    private void Serve()
    {
        while (true)
        {
            TcpClient client;
            try { client = _listener.AcceptTcpClient(); }
            catch (SocketException) { return; }   // stopped
            catch (ObjectDisposedException) { return; }
            using (client) Handle(client);
        }
    }

    private void Handle(TcpClient client)
    {
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        var requestLine = reader.ReadLine();
        if (requestLine is null) return;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var line = reader.ReadLine(); !string.IsNullOrEmpty(line); line = reader.ReadLine())
            headers[line[..line.IndexOf(':')]] = line[(line.IndexOf(':') + 1)..].Trim();
        var path = requestLine.Split(' ')[1];
        lock (Requests) Requests.Add((path, headers.GetValueOrDefault("Range"), headers.GetValueOrDefault("If-Range")));
        if (!Files.TryGetValue(path, out var body))
        {
            Write(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            return;
        }
        long from = 0;
        var status = "200 OK";
        var extra = "";
        if (headers.GetValueOrDefault("Range") is { } range && headers.GetValueOrDefault("If-Range") == ETag)
        {
            from = long.Parse(range["bytes=".Length..].TrimEnd('-'));
            status = "206 Partial Content";
            extra = $"Content-Range: bytes {from}-{body.Length - 1}/{body.Length}\r\n";
        }
        Write(stream, $"HTTP/1.1 {status}\r\nContent-Length: {body.Length - from}\r\nETag: {ETag}\r\n{extra}Connection: close\r\n\r\n");
        var send = body.AsSpan((int)from);
        if (DropsLeft > 0 && send.Length > DropAfterBytes)
        {
            DropsLeft--;
            stream.Write(send[..(int)DropAfterBytes]);
            stream.Flush();
            client.Client.LingerState = new LingerOption(true, 0);   // RST: the body ends mid-way
            return;
        }
        stream.Write(send);
    }

    private static void Write(NetworkStream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));

    public void Dispose() => _listener.Stop();
}
