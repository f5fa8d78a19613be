/* Map of China with Leaflet and no tiles: province outlines shaded by event count, event points on top. */
"use strict";
(function (ns) {
  const CHINA = [[17.5, 73], [54, 135.5]];

  function tooltipNode(lines) {
    const element = document.createElement("div");
    lines.forEach((line, i) => {
      if (i) element.appendChild(document.createElement("br"));
      element.appendChild(document.createTextNode(line));
    });
    return element;
  }

  function shade(count, peak) {
    if (!count) return "#f4f1ea";
    const share = Math.sqrt(count / Math.max(peak, 1));
    const light = Math.round(88 - share * 50);
    return `hsl(8, 70%, ${light}%)`;
  }

  /* Returns {update(countsByProvince, points), zoomTo(adcode)}; onProvince(adcode) fires on a click. */
  ns.createMap = function (element, provincesUrl, onProvince, onPoint) {
    const map = L.map(element, { zoomSnap: 0.25, attributionControl: true, preferCanvas: false, maxZoom: 14 });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Leaflet · outlines: echarts 4.9.0 map data (indicative)");
    map.fitBounds(CHINA);
    /* Points close together on screen gather into a cluster labelled with their number (Leaflet.markercluster). */
    const pointLayer = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 }).addTo(map);
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = function () {
      const box = L.DomUtil.create("div", "map-legend");
      box.id = "map-legend";
      return box;
    };
    legend.addTo(map);
    const layersByAdcode = new Map();
    let provinces = null;
    let counts = new Map();

    /* The shading's key: a few steps from none to the busiest province, with their counts. */
    function drawLegend(peak) {
      const box = document.getElementById("map-legend");
      if (!box) return;
      while (box.firstChild) box.removeChild(box.firstChild);
      const title = document.createElement("div");
      title.textContent = "Events per province";
      box.appendChild(title);
      const steps = [...new Set([0, 1, Math.round(peak / 4), Math.round(peak / 2), peak].filter((n) => n <= peak))];
      for (const step of steps.sort((a, b) => a - b)) {
        const row = document.createElement("div");
        const swatch = document.createElement("span");
        swatch.className = "swatch";
        swatch.style.backgroundColor = shade(step, peak);
        row.appendChild(swatch);
        row.appendChild(document.createTextNode(step === 0 ? "none" : step === peak ? `${step} (most)` : `${step}`));
        box.appendChild(row);
      }
      const dots = document.createElement("div");
      dots.className = "hint";
      dots.textContent = "Dots: events, coloured by type; numbered circles: nearby events together";
      box.appendChild(dots);
    }

    function restyle() {
      const peak = Math.max(0, ...counts.values());
      drawLegend(peak);
      if (!provinces) return;
      provinces.eachLayer((layer) => {
        const adcode = layer.feature.properties.adcode.slice(0, 2);
        const count = counts.get(adcode) || 0;
        layer.setStyle({ fillColor: shade(count, peak), fillOpacity: 0.85, color: "#6b6257", weight: 0.8 });
        const props = layer.feature.properties;
        layer.setTooltipContent(tooltipNode([`${props.name_en} ${props.name_zh}`, `${count} event(s)`]));
      });
    }

    const ready = fetch(provincesUrl).then((response) => response.json()).then((geojson) => {
      provinces = L.geoJSON(geojson, {
        className: "province",
        onEachFeature: (feature, layer) => {
          layersByAdcode.set(feature.properties.adcode.slice(0, 2), layer);
          layer.bindTooltip(tooltipNode([feature.properties.name_en]), { sticky: true });
          layer.on("click", () => {
            map.fitBounds(layer.getBounds());
            onProvince(feature.properties.adcode.slice(0, 2));
          });
        },
      }).addTo(map);
      provinces.eachLayer((layer) => {
        const path = layer.getElement();
        if (path) path.setAttribute("data-adcode", layer.feature.properties.adcode);
      });
      provinces.bringToBack();
      restyle();
    });

    return {
      ready: ready,
      update: function (provinceCounts, points) {
        counts = provinceCounts;
        restyle();
        pointLayer.clearLayers();
        for (const point of points) {
          const marker = L.circleMarker([point.lat, point.lon], {
            radius: 4, weight: 1, color: "#ffffff", fillColor: ns.colorOf(point.type), fillOpacity: 0.9,
            className: "event-point",
          });
          const where = [point.place, point.admin2, point.admin1].filter(Boolean).join(", ");
          marker.bindTooltip(tooltipNode([`${point.type.replace("_", " ")} · ${point.date_start || "undated"}`, where]));
          marker.on("click", () => onPoint(point.event_id));
          pointLayer.addLayer(marker);
        }
      },
      zoomTo: function (adcode) {
        ready.then(() => {
          const layer = adcode ? layersByAdcode.get(adcode.slice(0, 2)) : null;
          if (layer) map.fitBounds(layer.getBounds());
          else map.fitBounds(CHINA);
        });
      },
    };
  };
})(window.Undeleted);
