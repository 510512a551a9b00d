# inherit can take names from with scopes
with { a = 1; }; { inherit a; }
