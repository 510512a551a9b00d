# 2E3: an integer followed by the identifier E3
2E3
