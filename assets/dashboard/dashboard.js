// The porttwin live dashboard: shows the twin's `kpi` and `forecast` messages (docs/twin.md,
// "What the twin publishes") as they come by server-sent events from /events.
"use strict";

const $ = (id) => document.getElementById(id);
const fmt = (x, digits = 0) => (x === null || x === undefined ? "–" : Number(x).toFixed(digits));
const hhmm = (ms) => {
  const m = Math.floor(ms / 60000) % 1440;
  return String(Math.floor(m / 60)).padStart(2, "0") + ":" + String(m % 60).padStart(2, "0");
};

function row(cells) {
  const tr = document.createElement("tr");
  for (const c of cells) {
    const td = document.createElement("td");
    if (c instanceof Node) td.appendChild(c); else td.textContent = c;
    tr.appendChild(td);
  }
  return tr;
}

function showKpi(k) {
  $("scenario").textContent = k.scenario;
  $("clock").textContent = k.time;
  $("status").textContent = "live, watermark " + hhmm(k.watermark_ms);
  $("arrived").textContent = k.arrived;
  $("in-port").textContent = k.in_port;
  $("exited").textContent = k.exited;
  $("balked").textContent = k.balked;
  $("received").textContent = k.feed.received;
  $("refused").textContent = k.feed.refused;
  const most = Math.max(10, ...k.stages.map((s) => s.queue));
  const stages = $("stages").tBodies[0];
  stages.replaceChildren();
  for (const s of k.stages) {
    if (!s.pool) continue;
    const bar = document.createElement("div");
    const fill = document.createElement("div");
    fill.className = "fill";
    fill.style.width = (100 * s.queue / most) + "%";
    bar.appendChild(fill);
    const tr = row([s.name, String(s.queue), bar, s.wait_mean_s === null ? "–" : fmt(s.wait_mean_s / 60, 1) + " min",
      s.pool.busy + " / " + s.pool.staffed]);
    tr.children[2].className = "bar";
    tr.dataset.stage = s.name;
    stages.appendChild(tr);
  }
  const targets = $("targets").tBodies[0];
  targets.replaceChildren();
  for (const t of k.targets) {
    const tr = row([t.what + " ≤ " + t.within_min + " min", fmt(100 * t.required_share) + "%", fmt(100 * t.achieved_share, 1) + "%"]);
    tr.children[2].className = t.met ? "met" : "missed";
    targets.appendChild(tr);
  }
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

// A fan chart of rows [time_ms, p05, p25, p50, p75, p95]: the 5–95% and 25–75% bands and the median.
function fanChart(title, rows, unit, limit) {
  const box = document.createElement("div");
  box.className = "fan";
  const h = document.createElement("h3");
  h.textContent = title;
  box.appendChild(h);
  const W = 300, H = 140, L = 34, B = 18;
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}` });
  if (rows.length > 0) {
    const t0 = rows[0][0], t1 = rows[rows.length - 1][0];
    const top = Math.max(1, limit || 0, ...rows.map((r) => r[5])) * 1.1;
    const x = (t) => L + (W - L - 6) * (t1 > t0 ? (t - t0) / (t1 - t0) : 0);
    const y = (v) => H - B - (H - B - 6) * v / top;
    const band = (lo, hi, fill) => {
      const pts = rows.map((r) => `${x(r[0])},${y(r[hi])}`).concat(rows.slice().reverse().map((r) => `${x(r[0])},${y(r[lo])}`));
      chart.appendChild(svg("polygon", { points: pts.join(" "), fill }));
    };
    band(1, 5, "#a8c5da");
    band(2, 4, "#6a9cc0");
    chart.appendChild(svg("polyline", { points: rows.map((r) => `${x(r[0])},${y(r[3])}`).join(" "), fill: "none", stroke: "#1d3557", "stroke-width": 2 }));
    if (limit) chart.appendChild(svg("line", { x1: L, x2: W - 6, y1: y(limit), y2: y(limit), stroke: "#b3261e", "stroke-dasharray": "4 3" }));
    chart.appendChild(svg("line", { x1: L, x2: L, y1: 4, y2: H - B, stroke: "#889" }));
    chart.appendChild(svg("line", { x1: L, x2: W - 6, y1: H - B, y2: H - B, stroke: "#889" }));
    const label = (text, ax, ay, anchor) => {
      const e = svg("text", { x: ax, y: ay, "font-size": 10, "text-anchor": anchor, fill: "#445" });
      e.textContent = text;
      chart.appendChild(e);
    };
    label(hhmm(t0), L, H - 4, "start");
    label(hhmm(t1), W - 6, H - 4, "end");
    label(fmt(top / 1.1) + unit, L - 3, 12, "end");
    label("0", L - 3, H - B, "end");
  }
  box.appendChild(chart);
  return box;
}

function showForecast(f) {
  $("forecast-window").textContent = `from ${f.from.slice(0, 5)} to ${f.until.slice(0, 5)}, ${f.replications} replications`;
  const alarms = $("alarms");
  alarms.replaceChildren();
  for (const a of f.alarms) {
    const li = document.createElement("li");
    li.textContent = a.text;
    alarms.appendChild(li);
  }
  if (f.alarms.length === 0) {
    const li = document.createElement("li");
    li.className = "none";
    li.textContent = "no alarm: every target is likely met";
    alarms.appendChild(li);
  }
  const chances = $("chances").tBodies[0];
  chances.replaceChildren();
  for (const t of f.targets) {
    chances.appendChild(row([t.what + " ≤ " + t.within_min + " min", fmt(100 * t.met.estimate) + "%",
      fmt(100 * t.met.low) + "–" + fmt(100 * t.met.high) + "%"]));
  }
  const fans = $("fans");
  fans.replaceChildren();
  for (const s of f.stages) {
    if (s.queue.some((r) => r[5] > 0)) fans.appendChild(fanChart("queue at " + s.name, s.queue, "", null));
    const target = f.targets.find((t) => t.what === "wait " + s.name);
    if (s.wait_s.length > 0) {
      const minutes = s.wait_s.map((r) => [r[0]].concat(r.slice(1).map((v) => v / 60)));
      fans.appendChild(fanChart("mean wait at " + s.name + " (min)", minutes, "", target ? target.within_min : null));
    }
  }
}

const events = new EventSource("/events");
events.addEventListener("kpi", (e) => showKpi(JSON.parse(e.data)));
events.addEventListener("forecast", (e) => showForecast(JSON.parse(e.data)));
events.onerror = () => { $("status").textContent = "connection to the twin lost; retrying…"; };
