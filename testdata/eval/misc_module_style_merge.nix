# a tiny imitation of option merging over a list of modules
let
  modules = [ { networking.ports = [ 80 ]; } { networking.ports = [ 443 ]; services.x.enable = true; } { } ];
  collect = path: builtins.concatMap (m: if m ? networking && m.networking ? ports then m.networking.ports else [ ]) modules;
in { ports = collect [ "networking" "ports" ]; enabled = builtins.any (m: m.services.x.enable or false) modules; }
