{ outputs = { self, nixpkgs }: { }; }
