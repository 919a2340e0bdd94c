package org.chemotaxis.config;

import java.util.regex.Pattern;

/**
 * The ranges of every size, count and name a user can give, checked before anything is allocated
 * or written. They are generous for real experiments and keep hostile values (a hidden layer of
 * 65536 units, 2^31 sequences or starts, 100000 worker threads) from ending in an overflow, an
 * OutOfMemoryError or a machine without threads. README, "Limits", lists them.
 */
public final class Limits {

    /** Run names ({@code name}, {@code --name}): a single folder name, never a path. */
    public static final int MAX_NAME_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    public static final int MAX_HIDDEN = 4096;
    public static final int MAX_LAYERS = 64;
    /** model.hidden × (model.hidden + 1) × model.layers: the recurrent weights, a lower bound of the parameter count. */
    public static final long MAX_PARAMETERS = 1L << 24;

    /** data.count, data.length, data.window, data.stride, data.target_shift. */
    public static final int MAX_DATA_SIZE = 1_000_000;
    /** data.count × data.length: the values of a sine dataset. */
    public static final long MAX_SEQUENCE_VALUES = 10_000_000;

    /** training.epochs, training.batch, training.steps_per_epoch, estimator.directions, runtime.task_size. */
    public static final int MAX_COUNT = 1_000_000;
    /** runtime.workers, train --workers, worker --workers: threads of one JVM. */
    public static final int MAX_WORKERS = 1024;
    /** generation.warmup, generation.steps, generate --warmup and --steps. */
    public static final int MAX_GENERATION_STEPS = 1_000_000;
    /** chemotaxis.validation_episodes, problem.validation_episodes, evaluate --starts. */
    public static final int MAX_EPISODES = 100_000;
    public static final int MAX_PLOT_WORMS = 1000;
    /** world.duration / world.dt, evaluate --duration / --dt: world steps of one episode. */
    public static final long MAX_WORLD_STEPS = 10_000_000;

    /** A CSV data file ({@code data.path}, {@code predict --data}): its size, checked before it is read. */
    public static final long MAX_CSV_BYTES = 256L * 1024 * 1024;
    /** A CSV data file: data rows × columns (of its header), checked row by row as it is read. */
    public static final long MAX_CSV_CELLS = 10_000_000;
    /** A line of a CSV data file, in characters: a longer one is not read whole. */
    public static final int MAX_CSV_LINE = 1024 * 1024;

    /** A config file or the text of one --set. */
    public static final int MAX_CONFIG_BYTES = 256 * 1024;
    /** Mappings and lists nested in a config (the deepest of the project's own is 3). */
    public static final int MAX_CONFIG_DEPTH = 32;

    private Limits() {
    }

    /** Null when {@code name} can be a run folder's name, else why not (for a message after "{@code what} must ..."). */
    public static String nameProblem(String what, String name) {
        if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            return what + " must be 1 to " + MAX_NAME_LENGTH + " letters, digits, '.', '_' or '-', not starting with"
                    + " '.' (it names a folder), but was '" + printable(name) + "'";
        }
        return null;
    }

    /** Throws {@link BadInputException} unless {@code name} can be a run folder's name. */
    public static void checkName(String what, String name) {
        String problem = nameProblem(what, name);
        if (problem != null) {
            throw new BadInputException(problem);
        }
    }

    /** Throws {@link BadInputException} unless {@code min <= value <= max}. */
    public static void checkRange(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new BadInputException(what + " must be in " + min + ".." + max + ", but was " + value);
        }
    }

    /** A value with its line breaks and other control characters made visible, cut to 80 characters. */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 80; i++) {
            char c = s.charAt(i);
            b.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
                    : Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return s.length() > 80 ? b + "..." : b.toString();
    }
}
