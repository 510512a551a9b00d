({ toString, ... }: toString) { toString = "shadowed"; }
