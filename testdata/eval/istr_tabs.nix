# tabs are not indentation: a tab-indented line stops whitespace stripping
''
  a
	b
  c
''
