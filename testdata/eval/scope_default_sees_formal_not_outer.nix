let a = 1; in ({ a ? 5, b ? a }: b) { }
