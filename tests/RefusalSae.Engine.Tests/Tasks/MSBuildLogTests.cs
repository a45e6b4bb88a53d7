using System.Collections;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using RefusalSae.Tasks;

namespace RefusalSae.Engine.Tests.Tasks;

public class MSBuildLogTests
{
    /// <summary>Collects what a task logs; the rest of IBuildEngine is unused here.</summary>
    private sealed class FakeBuildEngine : IBuildEngine
    {
        public List<BuildMessageEventArgs> Messages { get; } = [];
        public bool ContinueOnError => false;
        public int LineNumberOfTaskNode => 0;
        public int ColumnNumberOfTaskNode => 0;
        public string ProjectFileOfTaskNode => "x.proj";
        public void LogErrorEvent(BuildErrorEventArgs e) { }
        public void LogWarningEvent(BuildWarningEventArgs e) { }
        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);
        public void LogCustomEvent(CustomBuildEventArgs e) { }
        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;
    }

    private sealed class NoTask : Microsoft.Build.Utilities.Task { public override bool Execute() => true; }

    [Fact]
    public void A_download_progress_line_of_a_running_stage_becomes_the_nodes_live_status()
    {
        var engine = new FakeBuildEngine();
        var log = new MSBuildLog(new TaskLoggingHelper(new NoTask { BuildEngine = engine }), immediate: engine);
        log.Message("progress: download pile 1.0/2.0 MB, 1.0 MB/s, ETA 0:00:01");
        log.Message("download pile: connection reset; resuming (attempt 2 of 5)");
        var live = Assert.IsType<ExtendedBuildMessageEventArgs>(engine.Messages[0]);
        Assert.Equal("TLTESTPASSED", live.ExtendedType);
        Assert.Equal("download pile 1.0/2.0 MB, 1.0 MB/s, ETA 0:00:01", live.ExtendedMetadata!["displayName"]);
        Assert.Equal("TLTESTOUTPUT", Assert.IsType<ExtendedBuildMessageEventArgs>(engine.Messages[1]).ExtendedType);
    }
}
