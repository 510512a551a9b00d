# interpolation of multi-line strings; text after ${...} on the same line is kept
let inner = ''
  in
''; in ''
  out ${inner}end
''
