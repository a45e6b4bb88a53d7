using System.Net;
using System.Net.Sockets;

namespace RefusalSae.Workflow.Tests.Rehearsal;

/// <summary>
/// An HTTP server on 127.0.0.1 at a free port, answering each request with <see cref="Handle"/> on the thread pool.
/// The base of the test stand-ins (FakeHub, FakeOpenAiJudge); nothing listens beyond loopback.
/// </summary>
public abstract class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    protected LoopbackServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try { _listener.Start(); break; }
            catch (HttpListenerException) when (attempt < 5) { }   // the port was taken between probing and binding
        }
        _loop = Task.Run(Loop);
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Answers one request; the response is closed by the caller.</summary>
    protected abstract void Handle(HttpListenerContext context);

    private async Task Loop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() =>
            {
                try { Handle(context); }
                catch (Exception e)
                {
                    try { Reply(context.Response, 500, "text/plain", System.Text.Encoding.UTF8.GetBytes(e.ToString())); } catch (HttpListenerException) { }
                }
                finally { context.Response.Close(); }
            });
        }
    }

    protected static void Reply(HttpListenerResponse response, int status, string contentType, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        GC.SuppressFinalize(this);
    }
}
