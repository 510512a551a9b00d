assert true; assert 1 < 2; assert "a" == "a"; "passed"
