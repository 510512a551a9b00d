# a deeply nested value (depth 2000) can be built and measured
let f = n: if n == 0 then [ ] else [ (f (n - 1)) ]; depth = l: if l == [ ] then 0 else 1 + depth (builtins.head l); in depth (f 2000)
