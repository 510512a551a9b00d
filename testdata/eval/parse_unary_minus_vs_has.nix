(-1) ? a == false
