let l = [ "a" "b" ]; in ''
  items: ${toString l}
  count: ${toString (builtins.length l)}
''
