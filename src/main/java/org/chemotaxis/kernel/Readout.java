package org.chemotaxis.kernel;

/** The linear readout that the per-weight kernels share. */
final class Readout {

    private Readout() {
    }

    /**
     * Output o of {@code rows} rows into {@code y[r * O + o]}: bias + sum_j weights(j) h[r][j],
     * the sum in j order from the bias, with {@code weights[wOff ..+H)} and row r of h at
     * {@code hOff + r * H}. Four rows at a time: four independent chains of adds keep the
     * floating-point units busy where one row's chain would wait on each add. Writes only
     * {@code y[r * O + o]}; y must not alias the other arrays.
     */
    static void outputs(double[] weights, int wOff, double bias, double[] h, int hOff, int H, int rows,
                        double[] y, int O, int o) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            final int h0 = hOff + r * H;
            final int h1 = h0 + H;
            final int h2 = h1 + H;
            final int h3 = h2 + H;
            double y0 = bias;
            double y1 = bias;
            double y2 = bias;
            double y3 = bias;
            for (int j = 0; j < H; j++) {
                final double wj = weights[wOff + j];
                y0 += wj * h[h0 + j];
                y1 += wj * h[h1 + j];
                y2 += wj * h[h2 + j];
                y3 += wj * h[h3 + j];
            }
            y[r * O + o] = y0;
            y[(r + 1) * O + o] = y1;
            y[(r + 2) * O + o] = y2;
            y[(r + 3) * O + o] = y3;
        }
        for (; r < rows; r++) {
            final int hr = hOff + r * H;
            double yr = bias;
            for (int j = 0; j < H; j++) {
                yr += weights[wOff + j] * h[hr + j];
            }
            y[r * O + o] = yr;
        }
    }
}
