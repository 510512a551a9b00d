let s = { a.b = 1; }; k = "zz"; in [ (s.a.${k} or "dflt") (s.${k}.b or "dflt2") (s.a.b or "never") ]
