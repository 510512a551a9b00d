# in a rec set, the e of inherit (e) is evaluated in the rec scope (unlike plain inherit, which looks outside)
let src = { a = "outer"; }; in rec { src = { a = "inner"; }; inherit (src) a; }
