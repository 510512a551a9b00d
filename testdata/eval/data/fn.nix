# helper: a file that is a function with defaulted formals
{ base ? 10, extra ? 0 }: base + extra
