# ''${ is a literal ${; ''' is ''; ''\' is a quote, after which ${e} still interpolates
let e = "E"; in ''
  a ''${b} '''c''' $d ''\''${e}
''
