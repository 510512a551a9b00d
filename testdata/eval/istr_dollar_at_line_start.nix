''
  $out/bin
  $${x}
''
