with { s = { }; }; s.x or "fallback"
