[ (true && false || true) (true || false && false) (false || true && false) (2 <= 2 && 3 >= 4 || 1 > 0) ]
