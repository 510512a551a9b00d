# a default may refer to the @ binding
(args@{ a, b ? args.a }: b) { a = 3; }
