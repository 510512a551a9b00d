toString [ 1 "a" 2.5 null [ true false ] ]
