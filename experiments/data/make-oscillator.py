#!/usr/bin/env python3
"""Writes experiments/data/oscillator.csv, the data of experiments/oscillator.yml.

A damped oscillator driven by a force:  x'' + 2 zeta omega x' + omega^2 x = u(t),
omega = 1.5 rad/s, zeta = 0.1, started at rest; u is a sum of three slow sines, so the response
is neither a single frequency nor periodic over the file. Classic fourth-order Runge-Kutta with
a step of 0.01 s, sampled every 0.1 s: 3000 rows of t, u, x, v (v = x'). Deterministic: the
file in the repository is exactly what this script writes (plain Python, no packages).
"""
import math
import os

OMEGA, ZETA = 1.5, 0.1
H, EVERY, ROWS = 0.01, 10, 3000


def force(t):
    return math.sin(0.31 * t) + 0.6 * math.sin(0.73 * t + 1.0) + 0.3 * math.sin(1.9 * t + 2.0)


def deriv(t, x, v):
    return v, force(t) - 2 * ZETA * OMEGA * v - OMEGA * OMEGA * x


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "oscillator.csv")
    x = v = 0.0
    lines = ["# damped driven oscillator, written by make-oscillator.py", "t,u,x,v"]
    step = 0
    for row in range(ROWS):
        t = step * H
        lines.append("%.1f,%.6f,%.6f,%.6f" % (t, force(t), x, v))
        for _ in range(EVERY):
            t = step * H
            k1 = deriv(t, x, v)
            k2 = deriv(t + H / 2, x + H / 2 * k1[0], v + H / 2 * k1[1])
            k3 = deriv(t + H / 2, x + H / 2 * k2[0], v + H / 2 * k2[1])
            k4 = deriv(t + H, x + H * k3[0], v + H * k3[1])
            x += H / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0])
            v += H / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])
            step += 1
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
