# the minimum indentation over non-empty lines is removed
''
    four
  two
      six
''
