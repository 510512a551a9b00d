let port = 8080; in ''
  {
    "port": ${toString port},
    "name": "x"
  }
''
