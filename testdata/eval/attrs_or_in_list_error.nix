# ...but or alone is not an expression
with { or = 5; }; [ or ]
