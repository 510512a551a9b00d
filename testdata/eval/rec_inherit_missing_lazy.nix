# an inherit from a set missing the name fails only when forced
(rec { inherit ({ }) nope; ok = 1; }).ok
