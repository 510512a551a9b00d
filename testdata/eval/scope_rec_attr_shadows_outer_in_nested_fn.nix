let n = "outer"; in (rec { n = "rec"; f = x: n; }).f 0
