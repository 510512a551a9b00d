''
  ''\t tab ''\r cr ''\\ backslash ''\' quote
''
