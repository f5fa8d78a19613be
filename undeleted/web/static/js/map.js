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
    const map = L.map(element, { zoomSnap: 0.25, attributionControl: true, preferCanvas: false });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Leaflet · outlines: echarts 4.9.0 map data (indicative)");
    map.fitBounds(CHINA);
    const pointLayer = L.layerGroup().addTo(map);
    const layersByAdcode = new Map();
    let provinces = null;
    let counts = new Map();

    function restyle() {
      if (!provinces) return;
      const peak = Math.max(0, ...counts.values());
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
