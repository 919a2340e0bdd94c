package org.chemotaxis.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chemotaxis.web.ReportPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code report}: (re)writes a run folder's report.html from its events. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Write RUN_DIR/report.html: the dashboard of the run as one file that opens without a server.",
            "Works on any run folder, finished, failed, still running or recorded by an older version."})
public final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run folder")
    Path runDir;

    @Override
    public Integer call() {
        System.out.println(ReportPage.write(runDir));
        return ExitCode.OK;
    }
}
