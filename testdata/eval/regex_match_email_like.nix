map (builtins.match "([^@]+)@([^@]+)") [ "user@example.org" "no-at" "a@b@c" ]
