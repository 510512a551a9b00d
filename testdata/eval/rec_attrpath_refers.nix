rec { x.y = 1; x.z = x.y + 1; }
