# a path interpolated into an indented string is copied to the store
''
  file: ${./data/hello.txt}
''
