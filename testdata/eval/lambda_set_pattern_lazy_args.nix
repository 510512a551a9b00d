# formal arguments are lazy
({ a, b }: a) { a = 1; b = throw "not forced"; }
