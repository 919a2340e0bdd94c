package org.chemotaxis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chemotaxis.report.ModelFile;
import org.chemotaxis.report.ParameterHash;
import org.junit.jupiter.api.Test;

/**
 * The trained network that ships in experiments/results/chemotaxis still loads with today's
 * config grammar and model format, and still steers as experiments/experiment1.md says: F =
 * 0.772 on the 400 fresh starts of the reference world (500 s at dt = 0.01 s), every worm
 * reaching the peak. Evaluation is deterministic, so a change to the world, the controller or
 * the file formats that moves the documented result fails here.
 */
class ShippedChemotaxisResultTest {

    private static final Path SHIPPED = Path.of("experiments", "results", "chemotaxis");
    /** experiments/experiment1.md, Results: the network on the reference field. */
    private static final double DOCUMENTED_F = 0.772;

    @Test
    void theShippedNetworkLoadsAndReachesTheDocumentedScore() throws Exception {
        assertTrue(Files.isRegularFile(SHIPPED.resolve("config.yml")), "missing " + SHIPPED.resolve("config.yml"));
        assertTrue(Files.isRegularFile(SHIPPED.resolve("model.json")), "missing " + SHIPPED.resolve("model.json"));
        double[] shipped = ModelFile.read(SHIPPED.resolve("model.json")).theta();

        EvaluateChemotaxisTest.Outcome o = EvaluateChemotaxisTest.run("evaluate", SHIPPED.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode j = o.json();
        assertEquals("network", j.get("controller").asText());
        assertEquals(ParameterHash.sha256(shipped), j.get("params_sha256").asText());
        assertEquals(400, j.get("starts").asInt());
        assertEquals(0.01, j.get("dt").asDouble());
        assertEquals(500.0, j.get("duration").asDouble());
        double f = j.get("F").asDouble();
        assertEquals(DOCUMENTED_F, f, 5e-4, "F of the shipped network, as in experiment1.md");
        assertEquals(1.0, j.get("reach_fraction").asDouble(), "every worm reaches the peak");
    }
}
