# ? binds tighter than //: this is { a = 1; } // ({ b = 2; } ? a)
{ a = 1; } // { b = 2; } ? a
