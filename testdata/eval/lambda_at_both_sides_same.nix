[ ((args@{ x, ... }: args.x + x) { x = 2; }) (({ x, ... }@args: args.x * x) { x = 3; }) ]
