# subtraction is only defined on numbers
"a" - "b"
