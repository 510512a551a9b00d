let m = builtins.match "([^:]+):([0-9]+)"; in [ (m "localhost:8080") (m "localhost") (builtins.match "([0-9]+)\\.([0-9]+)\\.([0-9]+).*" "2.8.0pre") (builtins.match "(.*)/([^/]*)" "/a/b/c.txt") ]
