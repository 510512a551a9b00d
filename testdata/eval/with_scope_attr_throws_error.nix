with { x = throw "x forced"; }; x
