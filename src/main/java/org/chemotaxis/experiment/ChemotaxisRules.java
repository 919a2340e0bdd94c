package org.chemotaxis.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.chemotaxis.config.ConfigCheck;
import org.chemotaxis.config.ControllerConfig;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.config.ExperimentConfig.Problem;
import org.chemotaxis.config.WorldSectionConfig;
import org.chemotaxis.worm.ArenaSpec;
import org.chemotaxis.worm.FieldSpec;
import org.chemotaxis.worm.NetworkSpec;
import org.chemotaxis.worm.WorldConfig;

/**
 * The rules of the world and controller sections that only the chemotaxis world can check: each
 * field and arena spec parses, the inputs are ones the network knows, the network steps on whole
 * world steps. Checked whatever data.type is, so that a wrong value never waits for the day it
 * is used.
 */
final class ChemotaxisRules implements ConfigCheck {

    @Override
    public List<Problem> problems(ExperimentConfig config) {
        List<Problem> out = new ArrayList<>();
        world(config.world(), out);
        controller(config.controller(), config.world(), out);
        return out;
    }

    private static void world(WorldSectionConfig w, List<Problem> out) {
        for (int i = 0; i < w.field().size(); i++) {
            String key = w.field().size() == 1 ? "world.field" : "world.field[" + i + "]";
            try {
                FieldSpec.parse(w.field().specs().get(i));
            } catch (IllegalArgumentException e) {
                out.add(new Problem(key, key + ": " + e.getMessage()));
            }
        }
        try {
            ArenaSpec.parse(w.arena());
        } catch (IllegalArgumentException e) {
            out.add(new Problem("world.arena", "world.arena: " + e.getMessage()));
        }
    }

    private static void controller(ControllerConfig c, WorldSectionConfig w, List<Problem> out) {
        Set<String> seen = new HashSet<>();
        for (String in : c.inputs()) {
            String key = in == null ? "" : in.strip().toLowerCase(Locale.ROOT);
            try {
                NetworkSpec.Input.parse(in);
            } catch (IllegalArgumentException e) {
                out.add(new Problem("controller.inputs", "controller.inputs: unknown input '" + in
                        + "'; accepted: c, logc, dlogc, sin, cos"));
                continue;
            }
            if (!seen.add(key)) {
                out.add(new Problem("controller.inputs", "controller.inputs names '" + key + "' twice"));
            }
        }
        if (c.adaptTau() > 0 && !seen.contains(NetworkSpec.Input.LOG_DERIVATIVE.key())) {
            out.add(new Problem("controller.adapt_tau", "controller.adapt_tau adapts the dlogc input, which "
                    + "controller.inputs does not name; add dlogc or set adapt_tau to 0"));
        }
        if (c.controlDt() > 0 && Double.isFinite(c.controlDt())) {
            // The network must step on world steps both in training and in the 0.01 s evaluation world.
            for (double dt : new double[] {w.dt(), WorldConfig.DT}) {
                if (dt > 0 && !wholeMultiple(c.controlDt(), dt)) {
                    out.add(new Problem("controller.control_dt", "controller.control_dt must be a whole multiple of "
                            + (dt == w.dt() ? "world.dt (" + dt + ")" : "the evaluation step " + dt + " s")
                            + ", but was " + c.controlDt()));
                    break;
                }
            }
        }
    }

    private static boolean wholeMultiple(double a, double b) {
        long k = Math.round(a / b);
        return k >= 1 && Math.abs(k * b - a) <= 1e-9 * a;
    }
}
