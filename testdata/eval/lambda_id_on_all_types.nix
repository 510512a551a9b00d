map (x: x) [ 1 "a" null [ ] { } true 1.5 ]
