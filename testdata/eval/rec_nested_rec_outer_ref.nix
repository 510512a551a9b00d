rec { x = 1; inner = rec { y = x + 1; z = y + 1; }; }
