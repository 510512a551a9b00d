# nix-instantiate --eval does not auto-call a top-level function, even with all-default formals
{ a ? 5 }: a
