# "or" only applies after an attribute path; here it is an application to variable "or"
(x: x) or 1
