# __functor must be a function taking self
{ __functor = s: 1; } 2
