// The run dashboard: folds the run's events (the lines of events.jsonl) into a state and draws
// it. Live, the events come by server-sent events from /events (the whole history first, after a
// "reset"); in report.html they are inlined in window.RUN_EVENTS and no server is needed.
(function () {
  "use strict";

  var COLORS = ["#3b6fd8", "#e67e22", "#2e8b57", "#c0392b", "#8e44ad", "#16a085", "#7f8c8d", "#d4ac0d"];
  var state = fresh();
  var charts = {};
  var renderPending = false;
  // Whether events came since the last full render (the clock's ticks only redraw what moves with time).
  var dirty = true;
  var drawnPreview = null;

  function fresh() {
    return { start: null, firstStart: null, epochs: [], workers: [], incidents: [], end: null, early: null, now: null,
      preview: null };
  }

  function apply(e) {
    dirty = true;
    state.now = Math.max(state.now || 0, e.time);
    switch (e.event) {
      case "RunStarted":
        if (!state.firstStart) state.firstStart = e;
        state.start = e;
        state.end = null;
        break;
      case "EpochEnded":
        state.epochs.push(e);
        break;
      case "WorkersChanged":
        var before = state.workers.length ? state.workers[state.workers.length - 1].byNode : {};
        var after = e.workers_by_node || {};
        Object.keys(after).forEach(function (n) {
          if (!(n in before)) incident(e.time, "node " + n + " joined with " + after[n] + " worker(s)");
        });
        Object.keys(before).forEach(function (n) {
          if (!(n in after)) incident(e.time, "node " + n + " left");
        });
        state.workers.push({ time: e.time, total: e.workers, byNode: after });
        break;
      case "NodeUnreachable":
        // Recorded with camel-case names (tasksRequeued) by this build.
        var requeued = e.tasks_requeued != null ? e.tasks_requeued : e.tasksRequeued;
        incident(e.time, "node " + e.node + " unreachable at step " + e.step + ": " + requeued + " task(s) requeued");
        break;
      case "BestPreview":
        // The newest best network; a picture of an older one that comes late is not shown.
        if (!state.preview || e.epoch >= state.preview.epoch) state.preview = e;
        break;
      case "EarlyStopped":
        state.early = e;
        break;
      case "RunFinished":
      case "Failed":
        state.end = e;
        break;
    }
  }

  function incident(time, text) {
    state.incidents.push({ time: time, text: text });
  }

  function seconds(ms) {
    return state.firstStart ? (ms - state.firstStart.time) / 1000 : 0;
  }

  function duration(s) {
    if (s == null || !isFinite(s)) return "–";
    s = Math.max(0, Math.round(s));
    var h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, r = s % 60;
    return (h ? h + " h " : "") + (h || m ? m + " min " : "") + r + " s";
  }

  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  function positive(v) {
    return v > 0 && isFinite(v) ? v : null;
  }

  function render() {
    renderPending = false;
    var full = dirty;
    dirty = false;
    var s = state.start, ep = state.epochs;
    if (s) {
      text("run-name", s.name);
      document.title = s.name + " – chemotaxis";
    }
    var status = "waiting", cls = "waiting";
    if (state.end && state.end.event === "Failed") { status = "failed: " + state.end.reason; cls = "failed"; }
    else if (state.end && state.early) { status = "early stopped"; cls = "stopped"; }
    else if (state.end) { status = "finished"; cls = "finished"; }
    else if (s) { status = "running"; cls = "running"; }
    var st = document.getElementById("status");
    st.textContent = status;
    st.className = cls;

    var total = s ? s.epochs : 0;
    var done = ep.length ? ep[ep.length - 1].epoch + 1 : (s ? s.start_epoch : 0);
    text("progress", s ? "epoch " + done + " of " + total : "");
    document.getElementById("progress-bar").style.width = (total ? 100 * done / total : 0) + "%";
    var elapsed = state.firstStart ? seconds(state.end ? state.end.time : Math.max(state.now, liveNow())) : null;
    text("elapsed", duration(elapsed));
    var recent = ep.slice(-5), perEpoch = 0;
    recent.forEach(function (e) { perEpoch += e.seconds; });
    text("eta", state.end ? "0 s" : (recent.length ? duration(perEpoch / recent.length * (total - done)) : "–"));
    var w = state.workers.length ? state.workers[state.workers.length - 1].total : (ep.length ? ep[ep.length - 1].workers : null);
    text("workers-now", w == null ? "–" : String(w));
    var best = null;
    ep.forEach(function (e) { if (e.improved) best = e; });
    text("best", best ? "epoch " + (best.epoch + 1) + " (val " + best.validation_loss.toExponential(3) + ")" : "–");

    if (!full) {
      // Only the time moved on: the workers' line reaches to now.
      workersPlot();
      return;
    }
    summary(best);
    if (s && s.config) {
      var c = document.getElementById("config");
      if (c.textContent !== s.config) { c.textContent = s.config; c.className = ""; }
    }
    incidents();
    plots();
    bestPicture();
  }

  function liveNow() {
    return window.RUN_EVENTS ? 0 : Date.now();
  }

  function summary(best) {
    var s = state.start, rows = [];
    if (s) {
      rows.push(["run", s.name], ["folder", s.run_dir], ["model", s.model + ", " + s.parameters + " parameters"],
        ["estimator", s.estimator], ["optimizer", s.optimizer], ["steps per epoch", s.steps_per_epoch]);
    }
    var last = state.epochs[state.epochs.length - 1];
    if (last) {
      rows.push(["last epoch", (last.epoch + 1) + ": train " + last.train_loss.toExponential(3) + ", val "
        + last.validation_loss.toExponential(3) + ", " + last.metric_name + " " + last.metric.toFixed(4)]);
      rows.push(["forward passes", String(state.epochs.reduce(function (a, e) { return a + e.forward_passes; }, 0))]);
      // Counted since this build (0 or absent in older runs): episodes run so far, worms or sequences.
      if (last.train_episodes > 0) {
        rows.push(["episodes", last.train_episodes + " in training, " + (last.validation_episodes || 0) + " in validation"]);
      }
    }
    if (best) rows.push(["best epoch", (best.epoch + 1) + ": " + best.metric_name + " " + best.metric.toFixed(4)]);
    if (state.end && state.end.params_sha256) rows.push(["params_sha256", state.end.params_sha256]);
    var t = document.getElementById("summary");
    t.innerHTML = "";
    rows.forEach(function (r) {
      var tr = t.insertRow();
      tr.insertCell().textContent = r[0];
      tr.insertCell().textContent = r[1];
    });
  }

  function incidents() {
    var ul = document.getElementById("incidents");
    if (ul.childElementCount === state.incidents.length) return;
    ul.innerHTML = "";
    state.incidents.forEach(function (i) {
      var li = document.createElement("li");
      li.textContent = seconds(i.time).toFixed(1) + " s: " + i.text;
      ul.appendChild(li);
    });
  }

  function nodesOf(list, field) {
    var set = {};
    list.forEach(function (x) { Object.keys(x[field] || {}).forEach(function (n) { set[n] = true; }); });
    return Object.keys(set).sort();
  }

  function plots() {
    var ep = state.epochs;
    var x = ep.map(function (e) { return e.epoch + 1; });
    document.getElementById("chart-loss").setAttribute("data-epochs", x.join(","));
    var metricName = ep.length ? ep[0].metric_name : "metric";
    text("metric-title", "Validation " + metricName);
    plot("loss", "epoch", [
      { label: "train", values: ep.map(function (e) { return positive(e.train_loss); }) },
      { label: "validation", values: ep.map(function (e) { return positive(e.validation_loss); }) }
    ], x, { log: true });
    plot("metric", "epoch", [{ label: metricName, values: ep.map(function (e) { return e.metric; }) }], x, {});
    plot("lr", "epoch", [{ label: "learning rate", values: ep.map(function (e) { return e.learning_rate; }) }], x, {});
    plot("seconds", "epoch", [{ label: "seconds", values: ep.map(function (e) { return e.seconds; }) }], x, {});

    // Per node: the epoch's passes shared by its finished tasks (tasks are of about equal size).
    var nodes = nodesOf(ep, "tasks_by_node");
    if (nodes.length < 2) nodes = []; // one node: its line is the total
    var thr = [{ label: "total", values: ep.map(function (e) { return e.seconds > 0 ? e.forward_passes / e.seconds : null; }) }];
    nodes.forEach(function (n) {
      thr.push({ label: n, values: ep.map(function (e) {
        var tasks = e.tasks_by_node || {}, sum = 0;
        Object.keys(tasks).forEach(function (k) { sum += tasks[k]; });
        return sum && e.seconds > 0 && tasks[n] ? e.forward_passes * tasks[n] / sum / e.seconds : null;
      }) });
    });
    plot("throughput", "epoch", thr, x, {});
    workersPlot();
  }

  function workersPlot() {
    // Workers over time, in seconds since the run started; held until now.
    var wk = state.workers.slice();
    if (wk.length) {
      var endTime = state.end ? state.end.time : Math.max(state.now, liveNow());
      wk.push({ time: Math.max(endTime, wk[wk.length - 1].time), total: wk[wk.length - 1].total, byNode: wk[wk.length - 1].byNode });
    }
    var wx = wk.map(function (w) { return seconds(w.time); });
    var ws = [{ label: "total", values: wk.map(function (w) { return w.total; }) }];
    var workerNodes = nodesOf(wk, "byNode");
    (workerNodes.length < 2 ? [] : workerNodes).forEach(function (n) {
      ws.push({ label: n, values: wk.map(function (w) { return (w.byNode || {})[n] || 0; }) });
    });
    plot("workers", "seconds", ws, wx, { stepped: true });
  }

  // The best network so far: worm paths over the field, or target vs generated values.
  function bestPicture() {
    var e = state.preview, el = document.getElementById("best-picture");
    if (e === drawnPreview) return;
    drawnPreview = e;
    var caption = document.getElementById("best-caption");
    if (!e) {
      if (charts.best) { charts.best.chart.destroy(); delete charts.best; }
      el.innerHTML = "";
      el.setAttribute("data-epoch", "");
      el.setAttribute("data-kind", "");
      text("best-title", "Best network");
      caption.textContent = "no picture yet: one comes when an epoch improves";
      caption.className = "caption empty";
      return;
    }
    var p = e.picture;
    text("best-title", "Best network (epoch " + (e.epoch + 1) + ")");
    caption.textContent = p.title + (p.kind === "paths" ? " · dots: starts · diamond: peak · shading: concentration" : "");
    caption.className = "caption";
    el.setAttribute("data-epoch", String(e.epoch + 1));
    el.setAttribute("data-kind", p.kind);
    el.setAttribute("data-series", String(p.series.length));
    if (p.kind === "paths") {
      if (charts.best) { charts.best.chart.destroy(); delete charts.best; }
      drawPaths(el, p);
    } else {
      var div = document.getElementById("chart-best");
      if (!div) {
        el.innerHTML = "";
        div = document.createElement("div");
        div.id = "chart-best";
        el.appendChild(div);
      }
      plot("best", p.x_label, p.series.map(function (ser) { return { label: ser.name, values: ser.y }; }),
        p.series.length ? p.series[0].x : [], {});
    }
  }

  function drawPaths(el, p) {
    var canvas = el.querySelector("canvas");
    if (!canvas) {
      el.innerHTML = "";
      canvas = document.createElement("canvas");
      el.appendChild(canvas);
    }
    var size = Math.min(Math.max(260, el.clientWidth || 420), 440), ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(size * ratio);
    canvas.height = Math.round(size * ratio);
    canvas.style.width = size + "px";
    canvas.style.height = size + "px";
    var g = canvas.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, size, size);
    var m = p.map, pad = 4, inner = size - 2 * pad;
    function px(x) { return pad + (x - m.x0) / m.span * inner; }
    function py(y) { return pad + (1 - (y - m.y0) / m.span) * inner; }

    // The field: one pixel per cell (row 0 at the bottom), smoothed as it is scaled up.
    var cells = document.createElement("canvas");
    cells.width = m.n;
    cells.height = m.n;
    var cg = cells.getContext("2d"), img = cg.createImageData(m.n, m.n);
    for (var j = 0; j < m.n; j++) {
      for (var i = 0; i < m.n; i++) {
        var v = Math.max(0, Math.min(1, m.values[j * m.n + i])), k = 4 * ((m.n - 1 - j) * m.n + i);
        img.data[k] = 255 - 140 * v;
        img.data[k + 1] = 255 - 90 * v;
        img.data[k + 2] = 255 - 20 * v;
        img.data[k + 3] = 255;
      }
    }
    cg.putImageData(img, 0, 0);
    g.imageSmoothingEnabled = true;
    g.drawImage(cells, pad, pad, inner, inner);

    g.save();
    g.beginPath();
    g.rect(pad, pad, inner, inner);
    g.clip();
    g.lineWidth = 1.5;
    p.series.forEach(function (s, n) {
      g.strokeStyle = COLORS[n % COLORS.length];
      g.beginPath();
      for (var t = 0; t < s.x.length; t++) {
        if (t === 0) g.moveTo(px(s.x[t]), py(s.y[t])); else g.lineTo(px(s.x[t]), py(s.y[t]));
      }
      g.stroke();
    });
    g.fillStyle = "#333";
    p.series.forEach(function (s) {
      if (!s.x.length) return;
      g.beginPath();
      g.arc(px(s.x[0]), py(s.y[0]), 3, 0, 2 * Math.PI);
      g.fill();
    });
    g.fillStyle = "#000";
    (p.marks || []).forEach(function (mk) {
      var x = px(mk.x), y = py(mk.y);
      g.beginPath();
      g.moveTo(x, y - 6); g.lineTo(x + 5, y); g.lineTo(x, y + 6); g.lineTo(x - 5, y);
      g.closePath();
      g.fill();
    });
    g.restore();
    g.strokeStyle = "#999";
    g.lineWidth = 1;
    g.strokeRect(pad, pad, inner, inner);

    // A scale bar of 1, 2 or 5 times a power of ten, about a fifth of the view.
    var want = m.span / 5, unit = Math.pow(10, Math.floor(Math.log10(want)));
    var bar = want >= 5 * unit ? 5 * unit : want >= 2 * unit ? 2 * unit : unit, len = bar / m.span * inner;
    g.strokeStyle = "#333";
    g.lineWidth = 2;
    g.beginPath();
    g.moveTo(pad + 10, size - pad - 10);
    g.lineTo(pad + 10 + len, size - pad - 10);
    g.stroke();
    g.fillStyle = "#333";
    g.font = "12px system-ui, sans-serif";
    g.fillText(bar + " cm", pad + 10, size - pad - 15);
  }

  function plot(name, xLabel, series, x, opts) {
    var el = document.getElementById("chart-" + name);
    var labels = series.map(function (s) { return s.label; }).join("|");
    var data = [x].concat(series.map(function (s) { return s.values; }));
    var c = charts[name];
    if (c && c.labels === labels) {
      c.chart.setData(data);
      return;
    }
    if (c) c.chart.destroy();
    var width = Math.max(300, el.clientWidth || 440);
    var config = {
      width: width,
      height: 220,
      scales: { x: { time: false }, y: opts.log ? { distr: 3 } : {} },
      // Whole epochs on the epoch axis.
      axes: [xLabel === "epoch" ? { label: xLabel, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] } : { label: xLabel },
        opts.log ? { size: 70, values: powersOfTen } : { size: 70 }],
      series: [{ label: xLabel }].concat(series.map(function (s, i) {
        var ser = { label: s.label, stroke: COLORS[i % COLORS.length], width: 1.5, points: { show: x.length < 60 } };
        if (opts.stepped) ser.paths = uPlot.paths.stepped({ align: 1 });
        return ser;
      }))
    };
    charts[name] = { labels: labels, chart: new uPlot(config, data, el) };
  }

  // Log-scale ticks at the powers of ten, as 1e-4 rather than rounded to fixed decimals (which
  // shows small losses as 0); a range within one decade (a chemotaxis loss of 0.6-0.7) would show
  // one label or none, so there every few ticks is labelled with its value.
  function powersOfTen(u, splits) {
    var labels = splits.map(function (v) {
      if (v == null || v <= 0) return "";
      var e = Math.round(Math.log10(v));
      return Math.abs(v - Math.pow(10, e)) < 1e-9 * v ? (e >= -2 && e <= 2 ? String(v) : "1e" + e) : "";
    });
    if (labels.filter(Boolean).length >= 2) return labels;
    var every = Math.ceil(splits.length / 6);
    return splits.map(function (v, i) {
      if (v == null || v <= 0 || i % every !== 0) return "";
      return v >= 0.01 && v < 1000 ? String(+v.toPrecision(3)) : v.toExponential(1);
    });
  }

  function scheduleRender() {
    if (!renderPending) {
      renderPending = true;
      setTimeout(render, 50);
    }
  }

  window.runDashboard = { state: function () { return state; } };

  if (window.RUN_EVENTS) {
    window.RUN_EVENTS.forEach(apply);
    render();
  } else {
    var source = new EventSource("events");
    source.addEventListener("reset", function () {
      state = fresh();
      dirty = true;
    });
    source.onmessage = function (m) {
      apply(JSON.parse(m.data));
      scheduleRender();
    };
    // Elapsed time and the workers' line move on between events (a light render: nothing else is redrawn).
    setInterval(function () { if (state.start && !state.end) scheduleRender(); }, 1000);
  }
})();
