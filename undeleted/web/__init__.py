"""The dashboard and event pages (Jinja templates, plain JS, vendored Leaflet), served by undeleted.api."""
