# dividing the minimum integer by -1 is rejected
(-9223372036854775807 - 1) / (-1)
