# ...but a rec literal merged into a plain one does not make earlier names visible
{ a = { b = 1; }; a = rec { c = b; }; }
