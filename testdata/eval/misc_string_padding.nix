let pad = n: s: let l = builtins.stringLength s; in if l >= n then s else pad n ("0" + s); in map (pad 3) [ "1" "22" "333" "4444" ]
