package org.chemotaxis.runtime;

import java.util.Locale;

/**
 * The time a run has left, from the mean length of the epochs this process has seen (the first
 * may include the JIT's warm-up; a resumed run starts counting afresh).
 */
final class Eta {

    private double seconds;
    private int epochs;

    void epochEnded(double epochSeconds) {
        seconds += epochSeconds;
        epochs++;
    }

    /** "eta 12m05s" for whole epochs left plus a fraction of the current one; "eta ?" before the first epoch ends. */
    String left(long wholeEpochs, double fractionOfCurrent) {
        if (epochs == 0) {
            return "eta ?";
        }
        return "eta " + format((seconds / epochs) * (Math.max(0, wholeEpochs) + Math.max(0, fractionOfCurrent)));
    }

    static String format(double s) {
        long t = Math.round(s);
        if (t >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60);
        }
        if (t >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
        }
        return t + "s";
    }
}
