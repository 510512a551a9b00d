{ level = "nested"; }
