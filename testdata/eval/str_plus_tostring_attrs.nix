"x" + { __toString = s: "y"; }
