package org.chemotaxis.worm;

/**
 * The hand-crafted strategies of DESIGN.md, all one rule with different constants. From the
 * sensed concentration it forms s = d ln C / dt, low-passed with time constant tau:
 * <pre>
 *   d_k = (ln C_k - ln C_{k-1}) / dt      (0 at the first step)
 *   s_k = s_{k-1} + (1 - exp(-dt / tau)) (d_k - s_{k-1})
 * </pre>
 * (the exact discretisation of tau ds/dt = d - s for d held over a step, stable for any dt),
 * and sets
 * <ul>
 *   <li>pirouette rate: {@code rateFalling} when s &lt; 0, else {@code rateRising}
 *       (klinokinesis; Pierce-Shimomura, Morse and Lockery 1999);</li>
 *   <li>turning rate: omega = -gain s cos(phase) (klinotaxis, weathervaning; Iino and Yoshida
 *       2009). The head sweep adds A sin(phase) to dmu/dt, so the heading offset of the sweep is
 *       proportional to -cos(phase): omega turns toward the side where ln C rose.</li>
 * </ul>
 */
public final class HandCraftedController implements Controller {

    /**
     * @param name        the baseline's name
     * @param senses      false: no sensing at all (rates fixed at rateRising)
     * @param rateFalling pirouette rate when s &lt; 0, 1/s
     * @param rateRising  pirouette rate when s &gt;= 0, 1/s
     * @param gain        g of the weathervane rule, rad (0: off)
     * @param tau         low-pass time constant of s, s
     */
    public record Params(String name, boolean senses, double rateFalling, double rateRising, double gain, double tau) {
        public Params {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must be given (controller.name)");
            }
            Checks.nonNegative(rateFalling, "controller.rate_falling");
            Checks.nonNegative(rateRising, "controller.rate_rising");
            Checks.finite(gain, "controller.gain");
            Checks.positive(tau, "controller.tau");
        }
    }

    private final Params params;
    private double alpha;
    private double dt;
    private double[] lastLog = new double[0];
    private double[] s = new double[0];
    private boolean first;

    public HandCraftedController(Params params) {
        if (params == null) {
            throw new IllegalArgumentException("params must be given");
        }
        this.params = params;
    }

    public Params params() {
        return params;
    }

    @Override
    public String name() {
        return params.name();
    }

    /** The low-passed d ln C / dt of row i after the last step. */
    public double filtered(int i) {
        return s[i];
    }

    @Override
    public void reset(int count, double dt) {
        if (s.length < count) {
            s = new double[count];
            lastLog = new double[count];
        }
        java.util.Arrays.fill(s, 0, count, 0.0);
        this.dt = dt;
        alpha = 1 - StrictMath.exp(-dt / params.tau());
        first = true;
    }

    @Override
    public void step(double t, double[] concentration, double[] sinPhase, double[] cosPhase, int count,
                     double[] turn, double[] pirouetteRate) {
        if (!params.senses()) {
            for (int i = 0; i < count; i++) {
                turn[i] = 0;
                pirouetteRate[i] = params.rateRising();
            }
            return;
        }
        final double g = params.gain();
        for (int i = 0; i < count; i++) {
            double logC = StrictMath.log(concentration[i]);
            double d = first ? 0 : (logC - lastLog[i]) / dt;
            lastLog[i] = logC;
            double si = s[i] + alpha * (d - s[i]);
            s[i] = si;
            pirouetteRate[i] = si < 0 ? params.rateFalling() : params.rateRising();
            turn[i] = g == 0 ? 0 : -g * si * cosPhase[i];
        }
        first = false;
    }
}
