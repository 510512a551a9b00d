rec { a = { }; b = a.missing or "none"; }
