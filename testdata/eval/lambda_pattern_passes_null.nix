({ a ? 5 }: a) { a = null; }
