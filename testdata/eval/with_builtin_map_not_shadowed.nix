# global builtins like map are lexical, so with cannot shadow them
with { map = 1; }; builtins.typeOf map
