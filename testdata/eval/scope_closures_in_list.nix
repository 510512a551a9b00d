let fs = map (i: j: i + j) [ 1 2 ]; in map (f: f 10) fs
