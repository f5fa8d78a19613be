// Event page: "Comment geography" and "Related censorship", filled from /api/events/{id}/censorship (one
// request that answers 200 whether or not there is anything to show). Every value goes in through textContent (never as markup; CSP forbids inline code).
"use strict";

(function () {
  const panel = document.getElementById("censorship-panel");
  if (!panel) return;
  const base = "/api/events/" + encodeURIComponent(panel.dataset.eventId || "");

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function percent(value) {
    return typeof value === "number" ? (100 * value).toFixed(1) + "%" : "n/a";
  }

  function number(value, digits) {
    return typeof value === "number" ? value.toFixed(digits) : "n/a";
  }

  function pValue(value) {
    return typeof value === "number" ? value.toPrecision(2) : "n/a";
  }

  async function load(path) {
    try {
      const response = await fetch(base + path, { headers: { Accept: "application/json" } });
      return response.ok ? await response.json() : null;
    } catch (problem) {
      return null;
    }
  }

  function row(list, term, value) {
    list.append(element("dt", term), element("dd", value));
  }

  function geographySection(data) {
    const section = element("section", null, "geography");
    section.id = "comment-geography";
    section.append(element("h2", "Comment geography"));
    const verdict = element("p", null, "verdict");
    verdict.append(element("strong", String(data.verdict || "unknown").replace(/_/g, " ")));
    verdict.append(document.createTextNode(
      " · p = " + pValue(data.p_value) + " · baseline: " + (data.baseline || "n/a")));
    verdict.dataset.verdict = data.verdict || "";
    section.append(verdict);
    const figures = element("dl", null, "inner figures");
    row(figures, "comments", String(data.comments ?? 0));
    row(figures, "home province", data.home_province
      ? data.home_province + " (" + data.home_source + "): " + percent(data.home_share) + " vs baseline "
        + percent(data.home_baseline_share)
      : "none");
    row(figures, "top province", (data.top_province || "none") + " " + percent(data.top_share));
    row(figures, "Herfindahl index", number(data.herfindahl, 3));
    row(figures, "entropy", number(data.entropy_bits, 2) + " bits");
    section.append(figures);
    const table = element("table", null, "fields provinces");
    const head = element("tr");
    for (const title of ["Province", "Comments", "Share", "Baseline share"]) head.append(element("th", title));
    table.append(head);
    for (const item of (data.provinces || []).slice(0, 5)) {
      const line = element("tr");
      line.append(element("td", item.province), element("td", String(item.count)), element("td", percent(item.share)),
        element("td", percent(item.baseline_share)));
      table.append(line);
    }
    section.append(table);
    return section;
  }

  function relatedSection(items) {
    const section = element("section", null, "related-censorship");
    section.id = "related-censorship";
    section.append(element("h2", "Related censorship"));
    const list = element("ul", null, "sources");
    for (const item of items) {
      const entry = element("li");
      const link = element("a", String(item.type || "event").replace(/_/g, " ") + " · "
        + (item.date_start || "undated") + " · " + (item.place || "unknown place"));
      link.href = "/events/" + encodeURIComponent(item.event_id);
      entry.append(link);
      const how = item.relation === "about" ? "content of this event" : "censorship of this event's content";
      entry.append(document.createTextNode(" — " + how + " (" + (item.via || []).join(", ") + ")"));
      if (item.summary) entry.append(element("span", " " + item.summary, "none"));
      list.append(entry);
    }
    section.append(list);
    return section;
  }

  load("/censorship").then(function (data) {
    if (!data) return;
    if (data.geography) panel.append(geographySection(data.geography));
    if (data.items && data.items.length) panel.append(relatedSection(data.items));
    panel.hidden = !panel.childElementCount;
  });
})();
