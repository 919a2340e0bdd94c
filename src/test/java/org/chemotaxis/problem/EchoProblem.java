package org.chemotaxis.problem;

import java.util.List;
import java.util.random.RandomGenerator;
import org.chemotaxis.api.Network;
import org.chemotaxis.api.ObjectiveProblem;
import org.chemotaxis.api.Parameter;
import org.chemotaxis.api.Parameters;
import org.chemotaxis.api.Problem;
import org.chemotaxis.api.ProblemFactory;
import org.chemotaxis.api.SampleKey;

/**
 * An objective problem small enough for tests: the network sees a random sequence and should
 * repeat each input one step later; the loss is the mean squared error after the first step.
 */
public final class EchoProblem implements ProblemFactory {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String description() {
        return "repeat the previous input (a test problem)";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.of("length", 12, "steps per sequence"));
    }

    @Override
    public Problem create(Parameters p) {
        int length = p.getInt("length");
        return new ObjectiveProblem() {
            @Override
            public int inputSize() {
                return 1;
            }

            @Override
            public int outputSize() {
                return 1;
            }

            @Override
            public double loss(Network network, SampleKey key) {
                int rows = key.size();
                double[][] x = new double[rows][length];
                for (int r = 0; r < rows; r++) {
                    RandomGenerator random = key.random(r);
                    for (int t = 0; t < length; t++) {
                        x[r][t] = random.nextDouble() - 0.5;
                    }
                }
                double[] in = new double[rows];
                double[] out = new double[rows];
                network.reset(rows);
                double sum = 0;
                for (int t = 0; t < length; t++) {
                    for (int r = 0; r < rows; r++) {
                        in[r] = x[r][t];
                    }
                    network.step(in, out);
                    if (t > 0) {
                        for (int r = 0; r < rows; r++) {
                            double e = out[r] - x[r][t - 1];
                            sum += e * e;
                        }
                    }
                }
                return sum / (rows * (length - 1.0));
            }

            @Override
            public String metricName() {
                return "mse";
            }

            @Override
            public double metric(double loss) {
                return loss;
            }
        };
    }
}
