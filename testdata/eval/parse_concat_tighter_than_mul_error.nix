# ++ binds tighter than *: 2 * (3 ++ [ 1 ])
2 * 3 ++ [ 1 ]
