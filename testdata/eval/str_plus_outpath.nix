"x" + { outPath = "/o"; }
