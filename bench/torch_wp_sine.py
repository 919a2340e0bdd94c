#!/usr/bin/env python3
"""The sine benchmark of docs/BENCHMARKS.md, written in PyTorch: the comparison point for
`bin/chemotaxis bench` and `org.chemotaxis.bench.SineWpBenchmark`.

It computes what the project computes, the way a PyTorch user would: the gradient of an Elman
network's loss by central-difference weight perturbation, in float64 on the CPU.

  model      Elman network: 1 input, H tanh units, 1 linear output;
             P = H (input) + H*H (recurrent) + H (bias) + H (readout) + 1 (readout bias)
  data       B sine waves of T steps: x_t = sin(2 pi f t dt + phase), target x_{t+1};
             f ~ U[0.5, 2], phase ~ U[0, 2 pi), dt = 0.05; loss = mean squared error
  estimator  central difference with sigma = 1e-3: g_i = (L(theta + sigma e_i) - L(theta - sigma e_i)) / (2 sigma),
             2P forward passes of the batch per gradient

Two ways to run the 2P passes (--variant):
  batched  all perturbed copies step together through torch.bmm (the fast way)
  naive    one perturbed copy after the other (what a first version does)

Prints one JSON line per variant with the keys of `bin/chemotaxis bench`: seconds_per_gradient
(the median of --reps gradients) and gflops (2 flops per multiply-add of the input, recurrent
and readout layers, the count docs/BENCHMARKS.md uses).

Needs Debian's python3-torch (apt-get install python3-torch); run it with /usr/bin/python3.
"""
import argparse
import json
import math
import statistics
import time

import torch

DT = 0.05


def sine_batch(batch, length, gen):
    """Inputs and next-step targets, each (B, T)."""
    freq = 0.5 + 1.5 * torch.rand(batch, 1, generator=gen, dtype=torch.float64)
    phase = 2 * math.pi * torch.rand(batch, 1, generator=gen, dtype=torch.float64)
    steps = torch.arange(length + 1, dtype=torch.float64).unsqueeze(0) * DT
    wave = torch.sin(2 * math.pi * freq * steps + phase)
    return wave[:, :-1], wave[:, 1:]


SHAPES = lambda h: [(h, 1), (h, h), (h,), (1, h), (1,)]  # w_xh, w_hh, b_h, w_hy, b_y


def initial_theta(hidden, gen):
    """Uniform in +-1/sqrt(H), flattened in the order of SHAPES."""
    scale = 1.0 / math.sqrt(hidden)
    parts = [(2 * torch.rand(*s, generator=gen, dtype=torch.float64) - 1) * scale for s in SHAPES(hidden)]
    return torch.cat([p.reshape(-1) for p in parts])


def split(copies, hidden):
    """(K, P) rows of parameters -> the five weight tensors, each with a leading K."""
    k = copies.shape[0]
    out, i = [], 0
    for shape in SHAPES(hidden):
        n = math.prod(shape)
        out.append(copies[:, i:i + n].reshape(k, *shape))
        i += n
    return out


def losses(copies, x, y, hidden):
    """Mean squared error of each of K parameter rows on the batch: (K,)."""
    w_xh, w_hh, b_h, w_hy, b_y = split(copies, hidden)
    k = copies.shape[0]
    batch, length = x.shape
    h = torch.zeros(k, batch, hidden, dtype=torch.float64)
    recurrent = w_hh.transpose(1, 2)
    input_row = w_xh[:, :, 0].unsqueeze(1)
    readout = w_hy.transpose(1, 2)
    total = torch.zeros(k, dtype=torch.float64)
    for t in range(length):
        h = torch.tanh(torch.bmm(h, recurrent) + x[:, t].view(1, batch, 1) * input_row + b_h.unsqueeze(1))
        out = torch.bmm(h, readout).squeeze(2) + b_y
        total += ((out - y[:, t].view(1, batch)) ** 2).sum(1)
    return total / (batch * length)


def gradient_batched(theta, x, y, hidden, sigma):
    p = theta.numel()
    step = torch.eye(p, dtype=torch.float64) * sigma
    l = losses(torch.cat([theta + step, theta - step], 0), x, y, hidden)
    return (l[:p] - l[p:]) / (2 * sigma)


def gradient_naive(theta, x, y, hidden, sigma):
    p = theta.numel()
    g = torch.empty(p, dtype=torch.float64)
    for i in range(p):
        plus = theta.clone()
        plus[i] += sigma
        minus = theta.clone()
        minus[i] -= sigma
        g[i] = (losses(plus.unsqueeze(0), x, y, hidden)[0] - losses(minus.unsqueeze(0), x, y, hidden)[0]) / (2 * sigma)
    return g


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hidden", type=int, default=32)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--length", type=int, default=50)
    ap.add_argument("--sigma", type=float, default=1e-3)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    ap.add_argument("--variant", choices=["batched", "naive", "both"], default="batched")
    a = ap.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    gen = torch.Generator().manual_seed(42)
    x, y = sine_batch(a.batch, a.length, gen)
    theta = initial_theta(a.hidden, gen)
    p = theta.numel()
    h = a.hidden
    flops = 2 * p * a.batch * a.length * 2 * (h * h + h + h)
    for variant in (["batched", "naive"] if a.variant == "both" else [a.variant]):
        gradient = gradient_batched if variant == "batched" else gradient_naive
        reps = a.reps if variant == "batched" else 1
        gradient(theta, x, y, h, a.sigma)  # warm-up
        times = []
        for _ in range(reps):
            start = time.perf_counter()
            g = gradient(theta, x, y, h, a.sigma)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(json.dumps({"peer": "pytorch-" + variant, "torch": torch.__version__,
                          "threads": torch.get_num_threads(), "hidden": h, "batch": a.batch,
                          "length": a.length, "parameters": p, "forward_passes": 2 * p,
                          "seconds_per_gradient": round(median, 5),
                          "gflops": round(flops / median / 1e9, 2),
                          "grad_norm": float(g.norm())}))


if __name__ == "__main__":
    main()
