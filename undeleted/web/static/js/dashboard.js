/* Dashboard: filters mirrored in the URL, table, map and timeline. Data is always set with textContent. */
"use strict";
(function (ns) {
  const FILTERS = ["type", "date_from", "date_to", "adcode", "credibility", "q"];
  const PAGE = 50;
  const form = document.getElementById("filters");
  const tbody = document.querySelector("#events tbody");
  const status = document.getElementById("status");
  const mapElement = document.getElementById("map");

  function currentParams() {
    const params = new URLSearchParams(window.location.search);
    const clean = new URLSearchParams();
    for (const name of [...FILTERS, "offset"]) {
      const value = (params.get(name) || "").trim();
      if (value) clean.set(name, value);
    }
    return clean;
  }

  function filterParams(params) {
    const filters = new URLSearchParams(params);
    filters.delete("offset");
    return filters;
  }

  function fillForm(params) {
    for (const name of FILTERS) document.getElementById(`f-${name}`).value = params.get(name) || "";
  }

  function paramsFromForm() {
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const value = document.getElementById(`f-${name}`).value.trim();
      if (value) params.set(name, value);
    }
    return params;
  }

  function navigate(params) {
    const query = params.toString();
    window.history.pushState(null, "", query ? `?${query}` : window.location.pathname);
    load();
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function renderTable(items) {
    while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
    if (items.length === 0) {
      const row = document.createElement("tr");
      cell(row, "No events match these filters.", "none").colSpan = 6;
      tbody.appendChild(row);
      return;
    }
    for (const item of items) {
      const row = document.createElement("tr");
      row.dataset.eventId = item.event_id;
      const dateCell = cell(row, "");
      const link = document.createElement("a");
      link.href = `/events/${encodeURIComponent(item.event_id)}`;
      link.textContent = item.date_start || "undated";
      dateCell.appendChild(link);
      const typeCell = cell(row, item.type.replace("_", " "), "type");
      typeCell.style.borderLeftColor = ns.colorOf(item.type);
      const location = item.location || {};
      cell(row, [location.place, location.admin3, location.admin2, location.admin1].filter(Boolean).join(", ")
        || location.country || "");
      cell(row, item.summary || "", "summary");
      cell(row, item.credibility || "");
      cell(row, String(item.reports ?? ""), "reports").title = `${item.corroboration ?? 0} independent outlet(s)`;
      tbody.appendChild(row);
    }
  }

  function renderLegend(types) {
    const legend = document.getElementById("legend");
    while (legend.firstChild) legend.removeChild(legend.firstChild);
    for (const type of types) {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = ns.colorOf(type);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(type.replace("_", " ")));
      legend.appendChild(item);
    }
  }

  /* Undated events have no week: the timeline cannot show them, so say how many (the table lists them). */
  function renderUndated(rows) {
    const undated = rows.filter((row) => !row.period).reduce((sum, row) => sum + row.count, 0);
    const note = document.getElementById("undated");
    note.hidden = undated === 0;
    note.textContent = `${undated} undated event(s) not shown in the timeline (listed in the table as "undated")`;
  }

  function updateLinks(filters) {
    const query = filters.toString() ? `?${filters}` : "";
    for (const format of ["csv", "geojson", "jsonl", "parquet", "acled"]) {
      document.getElementById(`export-${format}`).href = `/api/export.${format}${query}`;
    }
    document.getElementById("feed").href = `/feeds/events.atom${query}`;
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
    return body;
  }

  const worldMap = ns.createMap(mapElement, mapElement.dataset.provinces, (adcode) => {
    const params = filterParams(currentParams());
    params.set("adcode", adcode);
    fillForm(params);
    navigate(params);
  }, (eventId) => { window.location.href = `/events/${encodeURIComponent(eventId)}`; });

  let loading = 0;
  async function load() {
    const ticket = ++loading;
    const params = currentParams();
    const filters = filterParams(params);
    const offset = Number(params.get("offset") || 0);
    fillForm(params);
    updateLinks(filters);
    status.textContent = "Loading…";
    document.body.dataset.state = "loading";
    const list = new URLSearchParams(filters);
    list.set("limit", String(PAGE));
    list.set("offset", String(offset));
    try {
      const [page, points, weekly] = await Promise.all([
        getJson(`/api/events?${list}`),
        getJson(`/api/events/points?${filters}`),
        getJson(`/api/stats?${filters}${filters.toString() ? "&" : ""}period=week`),
      ]);
      if (ticket !== loading) return;
      renderTable(page.items);
      const counts = new Map();
      for (const row of weekly.items) {
        if (row.province) counts.set(row.province, (counts.get(row.province) || 0) + row.count);
      }
      worldMap.update(counts, points.items);
      renderLegend(ns.drawTimeline(document.getElementById("timeline"), weekly.items));
      renderUndated(weekly.items);
      const more = page.total_is_lower_bound ? "+" : "";
      status.textContent = `${page.total}${more} event(s)` +
        (page.total > PAGE ? `, showing ${offset + 1}–${offset + page.items.length}` : "");
      document.getElementById("page").textContent = `page ${Math.floor(offset / PAGE) + 1}`;
      document.getElementById("prev").disabled = offset === 0;
      document.getElementById("next").disabled = offset + page.items.length >= page.total;
      document.body.dataset.state = "ready";
    } catch (problem) {
      if (ticket !== loading) return;
      status.textContent = `Error: ${problem.message}`;
      document.body.dataset.state = "error";
    }
  }

  function shift(delta) {
    const params = currentParams();
    const offset = Math.max(0, Number(params.get("offset") || 0) + delta);
    if (offset) params.set("offset", String(offset)); else params.delete("offset");
    navigate(params);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = paramsFromForm();
    worldMap.zoomTo(params.get("adcode"));
    navigate(params);
  });
  for (const name of ["type", "credibility", "date_from", "date_to"]) {
    document.getElementById(`f-${name}`).addEventListener("change", () => navigate(paramsFromForm()));
  }
  document.getElementById("f-reset").addEventListener("click", () => {
    fillForm(new URLSearchParams());
    worldMap.zoomTo(null);
    navigate(new URLSearchParams());
  });
  document.getElementById("prev").addEventListener("click", () => shift(-PAGE));
  document.getElementById("next").addEventListener("click", () => shift(PAGE));
  window.addEventListener("popstate", load);
  worldMap.zoomTo(currentParams().get("adcode"));
  load();
})(window.Undeleted);
