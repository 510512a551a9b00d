throw { outPath = "message from outPath"; }
