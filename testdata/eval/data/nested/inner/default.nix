# helper: imports a file relative to *this* file's directory, and reads a neighbour
{
  up = import ../up.nix;
  text = builtins.readFile ./note.txt;
  here = baseNameOf ./.;
}
