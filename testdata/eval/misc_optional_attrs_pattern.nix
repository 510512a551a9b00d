let optionalAttrs = c: s: if c then s else { }; optional = c: x: if c then [ x ] else [ ]; in
{ a = 1; } // optionalAttrs true { b = 2; } // optionalAttrs false { c = throw "never"; } // { l = optional true 1 ++ optional false 2; }
