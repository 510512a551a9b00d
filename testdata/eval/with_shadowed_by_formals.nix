({ x ? "formal" }: with { x = "with"; }; x) { }
