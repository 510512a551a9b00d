# under with, unknown names are only looked up when evaluated
with { }; if true then 1 else undefinedVar
