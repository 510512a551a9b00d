# 0.0 / 0 is a division by zero, not NaN
0.0 / 0
