# A file's function called with the very same argument values, and with others
let t = import ./data/shared_types.nix; l1 = { n = 1; }; l2 = { n = 2; }; in [ (t { lib = l1; }).v (t { lib = l1; }).v (t { lib = l2; }).v (t { lib = l1; extra = 3; }).w (t { lib = l1; }).w ]
