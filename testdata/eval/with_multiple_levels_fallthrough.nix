with { a = "outer-a"; b = "outer-b"; }; with { a = "inner-a"; }; [ a b ]
