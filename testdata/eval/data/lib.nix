# helper: a plain attribute set of functions and values
{
  double = x: x * 2;
  greet = name: "hello, ${name}";
  answer = 42;
  nested = { deep = { value = "found"; }; };
}
