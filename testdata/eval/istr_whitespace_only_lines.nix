# whitespace-only lines do not count for the minimum indentation, but lose up to that many spaces
''
    a
 
        
    b
''
