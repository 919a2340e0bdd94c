package org.chemotaxis.cli;

import java.util.List;
import org.chemotaxis.experiment.Experiment;
import org.chemotaxis.experiment.Generation;
import org.chemotaxis.experiment.SequenceExperiment;
import org.chemotaxis.report.Charts;
import org.chemotaxis.report.ModelFile;
import org.chemotaxis.report.RunFolder;
import org.chemotaxis.report.RunPlots;

/** The plots a finished run leaves in its folder. */
final class RunReports {

    static final String GENERATION_PLOT = "generation.png";

    private RunReports() {
    }

    static void afterTraining(RunFolder folder, Experiment exp) {
        RunPlots.lossCurves(folder);
        if (exp instanceof SequenceExperiment seq) {
            var model = ModelFile.read(folder.file(RunFolder.MODEL));
            double[] theta = ModelFile.parametersFor(model, seq.model(), folder.file(RunFolder.MODEL));
            var g = exp.config().generation();
            Generation.Result r = Generation.run(seq, theta, g.warmup(), g.steps());
            generationPlot(folder.file(GENERATION_PLOT), r);
        }
    }

    static void generationPlot(java.nio.file.Path png, Generation.Result r) {
        Charts.lines(png, String.format(java.util.Locale.ROOT,
                        "Closed-loop generation after a %d-sample warm-up (MSE %.2e)", r.warmup(), r.mse()),
                "time step", "value", false,
                List.of(new Charts.Line("target", r.time(), r.truth()), new Charts.Line("generated", r.time(), r.generated())));
    }
}
