rec { host = "localhost"; port = 8080; url = "http://${host}:${toString port}/"; }
