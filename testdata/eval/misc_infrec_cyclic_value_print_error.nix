# a cyclic value is fine until --strict tries to print all of it
let a = { b = a; }; in a
