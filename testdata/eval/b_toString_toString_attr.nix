# __toString receives the set itself
[ (toString { __toString = s: "X${toString s.n}"; n = 1; }) "${{ __toString = _: "interp"; }}" ]
