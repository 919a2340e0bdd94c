package org.chemotaxis.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.model.RecurrentModel;

/**
 * model.json: a trained parameter vector with what it is (model type and sizes, from which epoch,
 * its validation loss) and its SHA-256. The architecture is rebuilt from the run's config.yml;
 * the sizes here let a reader check that they match.
 */
public final class ModelFile {

    public static final String FORMAT = "chemotaxis-model/1";

    /** A loaded model file. */
    public record Loaded(String type, int inputs, int outputs, int parameters, long epoch, double validationLoss,
                         String sha256, double[] theta) {
    }

    private ModelFile() {
    }

    public static void write(Path file, RecurrentModel model, double[] theta, long epoch, double validationLoss) {
        ObjectNode root = CheckpointCodec.JSON.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode m = root.putObject("model");
        m.put("type", model.type());
        m.put("inputs", model.inputSize());
        m.put("outputs", model.outputSize());
        m.put("parameters", model.parameterCount());
        ObjectNode slices = m.putObject("layout");
        for (var s : model.layout().slices()) {
            slices.putArray(s.name()).add(s.offset()).add(s.rows()).add(s.cols());
        }
        root.put("epoch", epoch);
        root.put("validation_loss", validationLoss);
        root.put("sha256", ParameterHash.sha256(theta));
        root.set("parameters", CheckpointCodec.array(theta));
        try {
            AtomicFiles.writeString(file, CheckpointCodec.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and checks a model file; every defect is a {@link BadInputException} naming the file. */
    public static Loaded read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("model file not found: " + file);
        } catch (IOException e) {
            throw new BadInputException("cannot read model file " + file + ": " + FileProblems.why(e));
        }
        try {
            JsonNode root = CheckpointCodec.JSON.readTree(text);
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw new IllegalArgumentException("not a " + FORMAT + " file");
            }
            JsonNode m = root.path("model");
            double[] theta = CheckpointCodec.doubles(root, "parameters");
            String sha = root.path("sha256").asText();
            if (!ParameterHash.sha256(theta).equals(sha)) {
                throw new IllegalArgumentException("parameters do not match their sha256");
            }
            if (m.path("parameters").asInt(-1) != theta.length) {
                throw new IllegalArgumentException("model.parameters says " + m.path("parameters").asInt(-1)
                        + " but there are " + theta.length);
            }
            double loss = root.path("validation_loss").asDouble(Double.NaN);
            if (Double.isNaN(loss)) {
                throw new IllegalArgumentException("validation_loss is missing or NaN");
            }
            return new Loaded(m.path("type").asText(), m.path("inputs").asInt(), m.path("outputs").asInt(), theta.length,
                    CheckpointCodec.count(root, "epoch", -1), loss, sha, theta);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new BadInputException("model file " + file + " is damaged or truncated: " + why);
        }
    }

    /** Checks that a model file fits the model built from the run's config. */
    public static double[] parametersFor(Loaded loaded, RecurrentModel model, Path file) {
        if (loaded.parameters() != model.parameterCount() || !loaded.type().equals(model.type())
                || loaded.inputs() != model.inputSize() || loaded.outputs() != model.outputSize()) {
            throw new BadInputException("model file " + file + " holds a " + loaded.type() + " with " + loaded.parameters()
                    + " parameters, but the config describes a " + model.type() + " with " + model.parameterCount());
        }
        return loaded.theta();
    }
}
