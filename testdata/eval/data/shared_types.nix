{ lib, extra ? 0 }: { v = [ lib.n ]; w = extra + lib.n; }
