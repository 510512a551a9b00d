# a functor whose __functor returns another functor
let inner = { __functor = s: x: x * 10; }; outer = { __functor = s: inner; }; in outer 1
