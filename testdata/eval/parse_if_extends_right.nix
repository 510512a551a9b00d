[ (if true then 1 else 2 + 10) ((if true then 1 else 2) + 10) ]
