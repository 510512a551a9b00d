let getPort = svc: svc.port; in getPort { host = "x"; }
