# 1e3 is not a float: it is 1 applied to the variable e3
1e3
