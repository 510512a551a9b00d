# the overlay pattern used by nixpkgs
let
  fix = f: let x = f x; in x;
  extends = overlay: f: final: let prev = f final; in prev // overlay final prev;
  base = final: { a = 1; b = final.a + 1; };
  overlay = final: prev: { a = 10; c = prev.b * 2; };
in fix (extends overlay base)
