# URI-like tokens are strings (RFC 2396 URIs), including things that look like lambdas without spaces
[ http://x.org/a?b=c&d (builtins.typeOf https://example.com) x:y a:b:c mailto:foo@bar.com (builtins.typeOf (x:x)) ]
