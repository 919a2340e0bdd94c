package org.chemotaxis.experiment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.config.Limits;
import org.chemotaxis.worm.ArenaSpec;
import org.chemotaxis.worm.Baselines;
import org.chemotaxis.worm.ChemotaxisEvaluation;
import org.chemotaxis.worm.ConcentrationField;
import org.chemotaxis.worm.Controller;
import org.chemotaxis.worm.FieldSpec;
import org.chemotaxis.worm.SpotField;
import org.chemotaxis.worm.Start;
import org.chemotaxis.worm.WorldConfig;

/**
 * Scores a run's network, or a hand-crafted controller, from fresh starts in the reference world
 * (dt 0.01 s, 500 s) as changed by the caller's options: what {@code evaluate} prints for a
 * chemotaxis run. Without a run, the defaults are those of a default run, so that baselines and a
 * network trained with the default seed meet the same starts.
 */
public final class ChemotaxisScoring {

    /** Starts of an evaluation unless told otherwise. */
    public static final int STARTS = 400;

    /**
     * What may be changed, each null for "the run's or the reference world's"; the names of the
     * command-line options are used in messages.
     */
    public record Options(String field, Integer starts, Double duration, Double dt, String arena, Double sensorNoise,
                          Double startDistance, Long seed) {
    }

    private final ConcentrationField field;
    private final WorldConfig world;
    private final Start start;
    private final double sensorNoise;
    private final int starts;
    private final long seed;
    private final int plotWorms;

    /** Checks the options against {@code config} (a run's, or the defaults); throws {@link BadInputException}. */
    public ChemotaxisScoring(ExperimentConfig config, Options o) {
        this.field = FieldSpec.parse(o.field() != null ? o.field() : config.world().field().first());
        this.starts = o.starts() != null ? o.starts() : STARTS;
        if (starts < 1) {
            throw new BadInputException("--starts must be > 0, but was " + starts);
        }
        double seconds = positive("--duration", o.duration(), WorldConfig.DURATION);
        double step = positive("--dt", o.dt(), WorldConfig.DT);
        if (step > seconds) {
            throw new BadInputException("--dt must not exceed the duration " + seconds + ", but was " + step);
        }
        if (seconds / step > Limits.MAX_WORLD_STEPS) {
            throw new BadInputException("--duration / --dt must be at most " + Limits.MAX_WORLD_STEPS
                    + " world steps, but was " + seconds + " / " + step);
        }
        this.sensorNoise = o.sensorNoise() != null ? o.sensorNoise() : 0;
        if (!(sensorNoise >= 0) || !Double.isFinite(sensorNoise)) {
            throw new BadInputException("--sensor-noise must be a finite number >= 0, but was " + sensorNoise);
        }
        String arenaSpec = o.arena() != null ? o.arena() : config.world().arena();
        if (o.startDistance() == null && field instanceof SpotField spots && spots.spots().size() == 2) {
            // The plate assay: worms start midway between attractant and control.
            SpotField.Spot a = spots.spots().get(0);
            SpotField.Spot b = spots.spots().get(1);
            this.start = Start.point(0.5 * (a.x() + b.x()), 0.5 * (a.y() + b.y()));
        } else {
            this.start = Start.ring(positive("--start-distance", o.startDistance(), config.world().startDistance()));
        }
        this.world = WorldConfig.defaults().withDuration(seconds).withDt(step).withSensorNoise(sensorNoise)
                .withArena(ArenaSpec.parse(arenaSpec)).withStart(start);
        this.seed = o.seed() != null ? o.seed() : ChemotaxisExperiment.evaluationSeed(config);
        this.plotWorms = config.chemotaxis().plotWorms();
    }

    /** Whose worms are scored: a run's network or a hand-crafted controller by name. */
    public interface Subject {
        Controller newController();

        /** "network", or the controller's name. */
        String name();
    }

    public static Subject network(ChemotaxisExperiment exp, double[] theta) {
        return new Subject() {
            @Override
            public Controller newController() {
                return exp.controller(theta);
            }

            @Override
            public String name() {
                return "network";
            }
        };
    }

    /** none, pirouette, weathervane or combined; throws {@link BadInputException} for another name. */
    public static Subject baseline(String name) {
        String shown = Baselines.create(name).name();
        return new Subject() {
            @Override
            public Controller newController() {
                return Baselines.create(name);
            }

            @Override
            public String name() {
                return shown;
            }
        };
    }

    /** The score, in the order {@code evaluate} prints it; an undefined number (no worm reached) is null. */
    public Map<String, Object> score(Subject subject) {
        ChemotaxisEvaluation.Result r = ChemotaxisEvaluation.evaluate(field, world, subject.newController(), seed, starts);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("controller", subject.name());
        out.put("field", FieldSpec.format(field));
        out.put("arena", ArenaSpec.format(world.arena()));
        if (start instanceof Start.Point p) {
            out.put("start", p.x() + "," + p.y());
        } else {
            out.put("start_distance", ((Start.Ring) start).distance());
        }
        out.put("sensor_noise", sensorNoise);
        out.put("dt", world.dt());
        out.put("duration", world.duration());
        out.put("starts", starts);
        out.put("seed", seed);
        out.put("F", r.fitness());
        out.put("F_se", r.fitnessStdErr());
        out.put("reach_fraction", r.reachFraction());
        out.put("median_reach_s", numberOrNull(r.medianReachSeconds()));
        if (field instanceof SpotField spots && spots.spots().size() == 2) {
            out.put("CI", numberOrNull(r.chemotaxisIndex()));
            out.put("at_attractant", r.atAttractant());
            out.put("at_control", r.atControl());
        }
        return out;
    }

    /** The paths of the first worms (chemotaxis.plot_worms) of these starts over the field. */
    public void plot(Subject subject, Path png) {
        RunReports.trajectoryPlot(png, field, world, subject.newController(), seed, plotWorms);
    }

    private static double positive(String option, Double given, double otherwise) {
        double v = given != null ? given : otherwise;
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new BadInputException(option + " must be a finite number > 0, but was " + v);
        }
        return v;
    }

    /** JSON has no NaN. */
    private static Double numberOrNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
