let inner = ''
    nested
  ''; in ''
  outer
  ${inner}
''
