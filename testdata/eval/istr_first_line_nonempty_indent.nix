# the first line (after '') counts if it has content
''  a
    b
''
