let name = "svc"; in throw "service '${name}' is misconfigured"
