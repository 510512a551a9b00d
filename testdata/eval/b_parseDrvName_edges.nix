map builtins.parseDrvName [ "hello" "foo-bar-baz" "foo-1bar-2" "foo-" "-1.0" "a-b-1-c-2" "" "python3.10-requests-2.28.1" ]
