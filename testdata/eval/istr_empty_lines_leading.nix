# leading empty lines after the opening are kept except the very first newline
''

  a
''
