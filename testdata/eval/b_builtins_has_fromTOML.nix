builtins.fromTOML ''
  name = "x"
  [server]
  port = 8080
  tags = ["a", "b"]
  [[items]]
  id = 1
  [[items]]
  id = 2
''
