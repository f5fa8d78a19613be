/* Timeline: stacked bars of events per week, by type, drawn as SVG with DOM calls only (no innerHTML). */
"use strict";
(function (ns) {
  const SVG = "http://www.w3.org/2000/svg";
  const DAY = 86400000;

  function node(name, attributes, parent) {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    if (parent) parent.appendChild(element);
    return element;
  }

  function weeksBetween(first, last) {
    const weeks = [];
    for (let t = Date.parse(first); t <= Date.parse(last); t += 7 * DAY) {
      weeks.push(new Date(t).toISOString().slice(0, 10));
    }
    return weeks;
  }

  /* rows: [{type, period: "YYYY-MM-DD" (Monday), count}]; returns the types drawn, most frequent first. */
  ns.drawTimeline = function (container, rows) {
    while (container.firstChild) container.removeChild(container.firstChild);
    const dated = rows.filter((row) => row.period);
    const width = Math.max(container.clientWidth || 600, 300);
    const height = 180, left = 34, bottom = 22, top = 8;
    const svg = node("svg", { width: width, height: height, viewBox: `0 0 ${width} ${height}`, role: "img" }, container);
    if (dated.length === 0) {
      const text = node("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" }, svg);
      text.textContent = "No dated events for these filters";
      return [];
    }
    const periods = dated.map((row) => row.period).sort();
    const weeks = weeksBetween(periods[0], periods[periods.length - 1]);
    const index = new Map(weeks.map((week, i) => [week, i]));
    const totals = new Map();
    const stacks = weeks.map(() => new Map());
    for (const row of dated) {
      const i = index.get(row.period);
      if (i === undefined) continue;
      stacks[i].set(row.type, (stacks[i].get(row.type) || 0) + row.count);
      totals.set(row.type, (totals.get(row.type) || 0) + row.count);
    }
    const types = [...totals.keys()].sort((a, b) => totals.get(b) - totals.get(a));
    const peak = Math.max(1, ...stacks.map((stack) => [...stack.values()].reduce((a, b) => a + b, 0)));
    const plotWidth = width - left - 6, plotHeight = height - top - bottom;
    const barWidth = Math.max(1, plotWidth / weeks.length - 1);
    node("line", { x1: left, y1: top + plotHeight, x2: width - 6, y2: top + plotHeight, class: "axis" }, svg);
    node("line", { x1: left, y1: top, x2: left, y2: top + plotHeight, class: "axis" }, svg);
    const peakLabel = node("text", { x: left - 4, y: top + 10, "text-anchor": "end", class: "tick" }, svg);
    peakLabel.textContent = String(peak);
    const zero = node("text", { x: left - 4, y: top + plotHeight, "text-anchor": "end", class: "tick" }, svg);
    zero.textContent = "0";
    weeks.forEach((week, i) => {
      const x = left + 1 + i * (plotWidth / weeks.length);
      let y = top + plotHeight;
      for (const type of types) {
        const count = stacks[i].get(type) || 0;
        if (!count) continue;
        const barHeight = (count / peak) * plotHeight;
        y -= barHeight;
        const bar = node("rect", { x: x, y: y, width: barWidth, height: barHeight, fill: ns.colorOf(type),
                                   class: "bar", "data-type": type, "data-week": week }, svg);
        node("title", {}, bar).textContent = `week of ${week}: ${count} ${type.replace("_", " ")}`;
      }
      if (week.slice(8, 10) <= "07" || weeks.length === 1) {
        const label = node("text", { x: x, y: height - 6, class: "tick" }, svg);
        label.textContent = week.slice(0, 7);
      }
    });
    return types;
  };
})(window.Undeleted);
