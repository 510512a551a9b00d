# interpolation at the start of a line counts as content for indentation
let v = "V"; in ''
    ${v} first
      second
''
