# spaces on the first line (right after '') are kept only if it has content
''   
  x
''
