# ''\n ''\t ''\r produce escapes; ''\x produces x
''
  a''\nb''\tc''\\d''\x
''
