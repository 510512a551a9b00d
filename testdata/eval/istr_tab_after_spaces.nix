# a tab after the common spaces is kept
''
  	tabbed
  plain
''
