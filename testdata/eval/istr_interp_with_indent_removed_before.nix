let v = "V"; in ''
      ${v}
    x
''
