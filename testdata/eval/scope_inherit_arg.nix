[ ((x: { inherit x; }) 5) (({ x }: rec { inherit x; y = x; }) { x = 3; }) ]
