/* Colours per event type, shared by the map, the timeline and the table. */
"use strict";
window.Undeleted = window.Undeleted || {};
window.Undeleted.TYPE_COLORS = Object.freeze({
  protest: "#d62728", clash: "#8c1c13", defiance: "#ff7f0e", strike: "#bcbd22", petition: "#e7ba52",
  online_dissent: "#9467bd", restriction: "#1f77b4", relaxation: "#17becf", repression: "#393b79",
  censorship: "#7f7f7f", official_response: "#2ca02c", death: "#000000", hardship: "#8c564b"
});
window.Undeleted.colorOf = function (type) {
  return window.Undeleted.TYPE_COLORS[type] || "#555555";
};
