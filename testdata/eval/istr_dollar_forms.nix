# ''$ is a literal $; a lone $ is literal too
let x = "X"; in ''
  ''${x} $x ${x} $${x} ''$
''
