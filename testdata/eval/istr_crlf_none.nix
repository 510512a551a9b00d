# indentation with only one line
''
      x''
