"x${
  toString (1 + 2)
}y"
