let c = 7; in ({ a ? c }: a) { }
