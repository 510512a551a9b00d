# comparator always false: the list is unchanged
builtins.sort (a: b: false) [ 3 1 2 5 4 ]
