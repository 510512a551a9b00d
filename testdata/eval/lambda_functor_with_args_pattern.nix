let f = { __functor = self: { a, b ? self.defaultB }: a + b; defaultB = 100; }; in [ (f { a = 1; }) (f { a = 1; b = 2; }) ]
