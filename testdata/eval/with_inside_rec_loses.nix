# rec bindings are lexical and beat an inner with
rec { a = 1; b = with { a = 2; }; a; }.b
