# the @ name may not also be a formal
(a@{ a }: a) { a = 1; }
