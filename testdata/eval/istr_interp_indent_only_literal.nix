# indentation is computed only from literal text, not interpolated text
let v = "        deep"; in ''
  ${v}
  x
''
