({ cfg }: cfg.a.b) { cfg = { a.b = "nested"; }; }
