let s = { a.b = "deep"; }; in "v=${s.a.b} or=${s.x or "dflt"}"
