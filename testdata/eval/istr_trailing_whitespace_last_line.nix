# trailing spaces before the closing '' are removed with the indentation
''
  a
  ''
