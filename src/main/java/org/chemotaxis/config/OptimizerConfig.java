package org.chemotaxis.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * Section {@code optimizer}: the update rule and its learning-rate schedule.
 *
 * @param type        sgd, momentum, nesterov, rmsprop, adam or clipup
 * @param lr          peak learning rate
 * @param momentum    momentum coefficient (momentum, nesterov, clipup)
 * @param beta1       Adam's first-moment decay
 * @param beta2       Adam's second-moment decay
 * @param eps         denominator guard (rmsprop, adam)
 * @param rho         RMSProp's decay
 * @param weightDecay L2 coefficient added to the gradient
 * @param clipNorm    gradient norm clip; 0 turns clipping off
 * @param schedule    constant, step or cosine
 * @param lrMin       floor of the cosine schedule
 * @param warmupSteps steps of linear warm-up from 0 to lr
 * @param stepEvery   the step schedule multiplies lr by stepGamma every this many steps
 * @param stepGamma   factor of the step schedule
 * @param maxSpeed    ClipUp's largest step norm; null means twice the step's learning rate
 */
public record OptimizerConfig(
        Type type,
        double lr,
        double momentum,
        double beta1,
        double beta2,
        double eps,
        double rho,
        double weightDecay,
        double clipNorm,
        Schedule schedule,
        double lrMin,
        int warmupSteps,
        int stepEvery,
        double stepGamma,
        Double maxSpeed) {

    public enum Type {
        SGD, MOMENTUM, NESTEROV, RMSPROP, ADAM, CLIPUP;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Schedule {
        CONSTANT, STEP, COSINE;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OptimizerConfig {
        Objects.requireNonNull(type, "optimizer.type");
        Objects.requireNonNull(schedule, "optimizer.schedule");
    }

    /** The defaults of this section live here and nowhere else; a null argument means "default". */
    @JsonCreator
    public static OptimizerConfig of(
            Type type,
            Double lr,
            Double momentum,
            Double beta1,
            Double beta2,
            Double eps,
            Double rho,
            Double weightDecay,
            Double clipNorm,
            Schedule schedule,
            Double lrMin,
            Integer warmupSteps,
            Integer stepEvery,
            Double stepGamma,
            Double maxSpeed) {
        return new OptimizerConfig(
                type != null ? type : Type.ADAM,
                lr != null ? lr : 0.02,
                momentum != null ? momentum : 0.9,
                beta1 != null ? beta1 : 0.9,
                beta2 != null ? beta2 : 0.999,
                eps != null ? eps : 1e-8,
                rho != null ? rho : 0.99,
                weightDecay != null ? weightDecay : 0.0,
                clipNorm != null ? clipNorm : 0.0,
                schedule != null ? schedule : Schedule.COSINE,
                lrMin != null ? lrMin : 0.0,
                warmupSteps != null ? warmupSteps : 0,
                stepEvery != null ? stepEvery : 100,
                stepGamma != null ? stepGamma : 0.5,
                maxSpeed);
    }

    public static OptimizerConfig defaults() {
        return of(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
