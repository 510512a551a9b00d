# merged literals still detect inner duplicates
{ a = { b = 1; }; a = { b = 2; }; }
