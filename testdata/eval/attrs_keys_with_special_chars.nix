{ "with space" = 1; "with.dot" = 2; "with\"quote" = 3; "" = 4; "ünï" = 5; "${"dyn"}" = 6; }
