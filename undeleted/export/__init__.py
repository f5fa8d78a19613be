"""Write events to the formats researchers already use."""
